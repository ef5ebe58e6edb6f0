'use strict';
// Two projects: `unit` (pure domain code, no Strapi) and `api` (a real Strapi booted per file,
// on the database scripts/test.js prepared: SQLite, or PostgreSQL when DATABASE_URL is set).
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };

module.exports = {
  // Hooks boot Strapi (and the first file seeds the demo, several minutes when the two API runs
  // share two cores with other work): generous, it bounds a hang and not a slow machine.
  testTimeout: 360000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      transform,
    },
    {
      displayName: 'console',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/admin-ui/src/**/*.test.ts'],
      transform,
    },
    {
      displayName: 'api',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform,
    },
  ],
};
