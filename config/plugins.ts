import { PAGE_LIMITS, graphqlLimitsFromEnv, graphqlLimitsPlugin } from '../src/graphql/limits';

type Env = {
  (key: string, fallback?: string): string;
  bool(key: string, fallback?: boolean): boolean;
};

export default ({ env }: { env: Env }) => {
  const production = env('NODE_ENV', 'development') === 'production';
  return {
    cms: { enabled: true, resolve: './cms' },
    forms: { enabled: true, resolve: './plugins/forms' },
    ledger: { enabled: true, resolve: './plugins/ledger' },
    grants: { enabled: true, resolve: './plugins/grants' },
    'time-bank': { enabled: true, resolve: './plugins/time-bank' },
    cases: { enabled: true, resolve: './plugins/cases' },
    'users-permissions': {
      config: { jwt: { expiresIn: '7d' } },
    },
    graphql: {
      enabled: true,
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        depthLimit: 7,
        // Explicit limits: the plugin's defaults leave page size unbounded.
        ...PAGE_LIMITS,
        landingPage: !production,
        apolloServer: {
          introspection: !production,
          includeStacktraceInErrorResponses: !production,
          // strapi::cors (config/middlewares.ts) answers for /graphql too; the plugin's own
          // default would add `Access-Control-Allow-Origin: *` after it.
          cors: false,
          // Added to Strapi's own plugins (the graphql plugin concatenates the lists).
          plugins: [graphqlLimitsPlugin(graphqlLimitsFromEnv())],
        },
      },
    },
  };
};
