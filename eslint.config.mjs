// ESLint for the server code, scripts and tests: typescript-eslint with type information for
// the rules that need it (no-floating-promises), Prettier owning formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Who may import whom (DESIGN.md §2). A plugin calls another only through its services
// (`strapi.plugin('x').service('y')`), never its files; the one exception is the types a plugin
// publishes in `server/src/shared/contracts/`, imported with `import type` so no code crosses.
// The console imports only the plugins' pure `domain/` and `shared/` files.
const PACKAGES = {
  cms: 'cms',
  ledger: 'plugins/ledger',
  forms: 'plugins/forms',
  grants: 'plugins/grants',
  'time-bank': 'plugins/time-bank',
  cases: 'plugins/cases',
  consultation: 'plugins/consultation',
};
const DEPENDS_ON = {
  cms: [],
  ledger: [],
  forms: ['cms'],
  grants: ['cms', 'ledger', 'forms'],
  'time-bank': ['cms', 'ledger', 'forms'],
  cases: ['cms', 'forms'],
  consultation: ['cms', 'forms'],
};

function pluginBoundaries(self) {
  const patterns = [];
  for (const other of Object.keys(PACKAGES).filter((name) => name !== self)) {
    // Another package's files, however the relative path reaches them (../../../forms/server/…).
    const files = `(^|/)${other}/server/`;
    if (DEPENDS_ON[self].includes(other)) {
      patterns.push({
        regex: `${files}(?!src/shared/contracts/)|^@linli/${other}(/|$)`,
        message: `${self} calls ${other} through its services, never its files (DESIGN.md §2); types come from ${other}'s server/src/shared/contracts/ as \`import type\`.`,
      });
      patterns.push({
        regex: `${files}src/shared/contracts/`,
        allowTypeImports: true,
        message: `Only \`import type\` from ${other}'s shared contracts: no ${other} code may run inside ${self}.`,
      });
    } else {
      patterns.push({
        regex: `${files}|^@linli/${other}(/|$)`,
        message: `${self} may not depend on ${other} (DESIGN.md §2).`,
      });
    }
  }
  patterns.push({
    regex: '(^|/)admin-ui/|^@linli/admin-ui(/|$)',
    message: 'No plugin imports the console.',
  });
  return {
    files: [`${PACKAGES[self]}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  };
}

const consoleBoundaries = {
  files: ['admin-ui/src/**/*.{ts,tsx}'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '(^|/)(cms|plugins/[^/]+)/(?!server/src/(domain|shared)/)',
            message:
              "The console imports only the plugins' pure domain/ and shared/ files (DESIGN.md §2); everything else goes over GraphQL or REST.",
          },
          {
            regex:
              '^(\\.\\./)+(database|config)/|^@linli/(cms|forms|grants|ledger|time-bank|cases)(/|$)',
            message: 'The console never reaches into the Strapi app or the database.',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      '.tmp/',
      'build/',
      'coverage/',
      'public/',
      'admin-ui/vite.config.ts',
      '.strapi/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The console: typed by admin-ui/tsconfig.json (checked by `tsc -p admin-ui`), linted here
    // without type information.
    files: ['admin-ui/src/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { project: false, projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...Object.keys(PACKAGES).map(pluginBoundaries),
  consoleBoundaries,
  prettier,
);
