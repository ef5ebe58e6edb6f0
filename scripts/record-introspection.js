'use strict';
// Records the GraphQL schema's introspection from a freshly booted server into
// admin-ui/src/dataProvider/introspection.json, which the console's query-builder unit tests
// check their queries against. Run it after changing a content type: `npm run record-introspection`.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { root, distDir, buildServerIfStale } = require('./lib');

async function main() {
  buildServerIfStale();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-introspection-'));
  Object.assign(process.env, {
    DATABASE_URL: '',
    DATABASE_FILENAME: path.join(tmp, 'schema.db'),
    LINLI_SEED: 'none',
    PORT: String(30000 + Math.floor(Math.random() * 10000)),
    HOST: '127.0.0.1',
    APP_KEYS: process.env.APP_KEYS || 'a,b',
    API_TOKEN_SALT: process.env.API_TOKEN_SALT || 'salt',
    ADMIN_JWT_SECRET: process.env.ADMIN_JWT_SECRET || 'secret',
    TRANSFER_TOKEN_SALT: process.env.TRANSFER_TOKEN_SALT || 'salt',
    JWT_SECRET: process.env.JWT_SECRET || 'secret',
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY || 'key',
  });
  const { createStrapi } = require('@strapi/strapi');
  const { getIntrospectionQuery } = require('graphql');
  const app = createStrapi({ appDir: root, distDir, autoReload: false, serveAdminPanel: false });
  app.log.level = 'warn';
  await app.start();
  try {
    const body = JSON.stringify({ query: getIntrospectionQuery() });
    const text = await new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: Number(process.env.PORT),
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let t = '';
          res.on('data', (c) => (t += c));
          res.on('end', () => resolve(t));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const { data } = JSON.parse(text);
    const file = path.join(root, 'admin-ui', 'src', 'dataProvider', 'introspection.json');
    fs.writeFileSync(file, `${JSON.stringify(data)}\n`);
    console.log(`Recorded ${data.__schema.types.length} types into ${path.relative(root, file)}`);
  } finally {
    await app.destroy();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
