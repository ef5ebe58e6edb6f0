/** /console → /console/, so the console's relative assets resolve (it is served from public/). */
export default () =>
  async (ctx: { path: string; redirect(url: string): void }, next: () => Promise<void>) => {
    if (ctx.path === '/console') return ctx.redirect('/console/');
    await next();
  };
