'use strict';
// `npm run seed`: seeds the demo district into the configured database (DATABASE_URL or
// DATABASE_FILENAME), once; `npm run seed -- --city [N]` seeds a whole city of Xindu-shaped
// districts instead (N communities and villages in all, default Chengdu's 4,351), for scale tests.
// Refused with NODE_ENV=production: demo accounts must never exist there.
const path = require('path');
const { root, distDir, ensureSecrets, buildServerIfStale } = require('./lib');

async function main() {
  if (process.env.NODE_ENV === 'production')
    throw new Error('npm run seed is refused with NODE_ENV=production');
  ensureSecrets();
  buildServerIfStale();
  const cityIndex = process.argv.indexOf('--city');
  const communities = cityIndex >= 0 ? Number(process.argv[cityIndex + 1]) || 4351 : 0;
  process.env.LINLI_SEED = 'none';
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: root, distDir, autoReload: false, serveAdminPanel: false });
  await app.load();
  try {
    const { seedDemo, planCity } = require(path.join(distDir, 'database', 'seed'));
    const result = await seedDemo(app, communities ? planCity(communities) : undefined);
    if (!result.seeded) console.log('Already seeded: nothing changed.');
    else {
      const counts = Object.entries(result.counts).map(([k, v]) => `${v} ${k.split('.').pop()}`);
      console.log(`Seeded in ${(result.ms / 1000).toFixed(1)} s: ${counts.join(', ')}`);
    }
  } finally {
    await app.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
