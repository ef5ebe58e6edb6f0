export default [
  'global::request-log',
  'global::console-redirect',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // Refuses malformed query strings and content types, and answers the body parsers' failures
  // (src/input/checks.ts); body-guard then checks what strapi::body parsed.
  'global::input-guard',
  'strapi::body',
  'global::body-guard',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
