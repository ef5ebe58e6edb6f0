'use strict';
// Shared by the launchers in scripts/: plain JavaScript, because they run before anything is
// compiled (`npm start` on a fresh clone).
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const distDir = path.join(root, 'dist');

const SECRET_KEYS = {
  APP_KEYS: () =>
    Array.from({ length: 4 }, () => crypto.randomBytes(16).toString('base64')).join(','),
  API_TOKEN_SALT: () => crypto.randomBytes(16).toString('base64'),
  ADMIN_JWT_SECRET: () => crypto.randomBytes(32).toString('base64'),
  TRANSFER_TOKEN_SALT: () => crypto.randomBytes(16).toString('base64'),
  JWT_SECRET: () => crypto.randomBytes(32).toString('base64'),
  ENCRYPTION_KEY: () => crypto.randomBytes(32).toString('base64'),
};

/**
 * Loads .env into process.env, generating any missing secret once into .env (git-ignored).
 * Variables already in the environment win, as with dotenv.
 */
function ensureSecrets(log = console.log) {
  const file = path.join(root, '.env');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m) values[m[1]] = m[2].replace(/^['"]|['"]$/g, '');
  }
  const generated = [];
  for (const [key, make] of Object.entries(SECRET_KEYS)) {
    if (!values[key] && !process.env[key]) {
      values[key] = make();
      generated.push(key);
    }
  }
  if (generated.length) {
    const lines = generated.map((k) => `${k}=${values[k]}`).join('\n');
    fs.writeFileSync(file, `${text}${text && !text.endsWith('\n') ? '\n' : ''}${lines}\n`);
    log(`Generated ${generated.join(', ')} into .env (git-ignored; kept for later starts).`);
  }
  for (const [k, v] of Object.entries(values)) if (process.env[k] === undefined) process.env[k] = v;
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.'))
      continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|tsx|json|html)$/.test(entry.name))
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const SOURCE_DIRS = ['config', 'database', 'src', 'cms/server', 'plugins'];

// Written after a successful compile; anything newer than it means the build is stale.
const BUILD_STAMP = path.join(distDir, '.linli-build-stamp');

function serverIsStale() {
  const marker = BUILD_STAMP;
  if (!fs.existsSync(marker)) return true;
  const built = fs.statSync(marker).mtimeMs;
  const sources = Math.max(
    fs.statSync(path.join(root, 'tsconfig.json')).mtimeMs,
    ...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))),
  );
  return sources > built;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
  }
}

/** Compiles the server code when a source is newer than the last build. */
function buildServerIfStale(log = console.log) {
  if (!serverIsStale()) return false;
  log('Compiling the server code (tsc)…');
  const started = Date.now();
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  fs.writeFileSync(BUILD_STAMP, new Date(started).toISOString());
  // The stamp carries the time the compile started, so a file saved during it counts as newer.
  fs.utimesSync(BUILD_STAMP, new Date(started), new Date(started));
  return true;
}

/** Builds Strapi's admin panel when it has never been built. */
function buildAdminIfMissing(log = console.log) {
  if (fs.existsSync(path.join(distDir, 'build', 'index.html'))) return false;
  log("Building Strapi's admin panel (once; about a minute)…");
  run(
    process.execPath,
    [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build', '--minify'],
    {
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return true;
}

const consoleDir = path.join(root, 'admin-ui');
const consoleIndex = path.join(root, 'public', 'console', 'index.html');

/** Builds the console (admin-ui) into public/console when a source is newer than the build. */
function buildConsoleIfStale(log = console.log) {
  const built = fs.existsSync(consoleIndex) ? fs.statSync(consoleIndex).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(consoleDir, 'src')),
    // The console shares the plugins' pure domain code (enumerations, stage machine, checks,
    // the forms rule book).
    newestMtime(path.join(root, 'cms', 'server', 'src', 'domain')),
    newestMtime(path.join(root, 'plugins', 'forms', 'server', 'src', 'domain')),
    newestMtime(path.join(root, 'plugins', 'grants', 'server', 'src', 'domain')),
    ...['index.html', 'form.html', 'vite.config.ts', 'package.json'].map(
      (f) => fs.statSync(path.join(consoleDir, f)).mtimeMs,
    ),
  );
  if (built >= sources) return false;
  log('Building the console (admin-ui)…');
  run(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--config',
      path.join(consoleDir, 'vite.config.ts'),
    ],
    {
      // Always the production build of React and MUI, even when the server itself runs with
      // NODE_ENV=development (`npm run develop`, the bench): the development builds are 2–3× larger.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return true;
}

module.exports = {
  buildConsoleIfStale,
  root,
  distDir,
  ensureSecrets,
  buildServerIfStale,
  buildAdminIfMissing,
  run,
};
