/** The one function of mime-types (2.1.35, Strapi's own) that src/middlewares/body.ts uses. */
declare module 'mime-types' {
  /** The type for a file name's extension, or false when it has none known. */
  export function lookup(path: string): string | false;
}
