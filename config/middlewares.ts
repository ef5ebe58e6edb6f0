type Env = {
  (key: string, fallback?: string): string;
  array(key: string, fallback?: string[]): string[];
};

export default ({ env }: { env: Env }) => [
  'global::request-log',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      // Only the origins named here get Access-Control-Allow-Origin (with credentials); by
      // default none, so only the server's own origin (the console, the form page) may call it.
      origin: env.array('LINLI_CORS_ORIGINS', []).filter((origin) => origin !== ''),
    },
  },
  'strapi::poweredBy',
  // Uploads (case photos, applicants' documents, ballot scans) only through signed links.
  'global::private-uploads',
  'strapi::query',
  // Refuses malformed query strings and content types, and answers the body parsers' failures
  // (src/input/checks.ts); body-guard then checks what the body parser parsed.
  'global::input-guard',
  // Refuses GraphQL documents of the wrong shape before Apollo Server parses and validates them.
  'global::graphql-guard',
  // Its parser built once (src/http/body-parser.ts, put in its place by src/index.ts).
  'strapi::body',
  'global::body-guard',
  'strapi::session',
  'strapi::favicon',
  // After strapi::security, so the public form page (/f/…) gets the same headers as the console.
  'global::console-redirect',
  'strapi::public',
];
