'use strict';
// `npm start`: builds what is missing, then runs Strapi, which migrates and (on the embedded
// database, outside production) seeds the demo district on first start.
const {
  root,
  distDir,
  ensureSecrets,
  buildServerIfStale,
  buildAdminIfMissing,
  buildConsoleIfStale,
} = require('./lib');

async function main() {
  const started = Date.now();
  ensureSecrets();
  buildServerIfStale();
  buildAdminIfMissing();
  buildConsoleIfStale();
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: root, distDir });
  await app.start();
  const port = app.config.get('server.port');
  app.log.info(
    `Linli is up in ${((Date.now() - started) / 1000).toFixed(1)} s: console http://localhost:${port}/console/ · ` +
      `admin http://localhost:${port}/admin · ` +
      `REST http://localhost:${port}/api · GraphQL http://localhost:${port}/graphql`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
