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
    'users-permissions': {
      config: { jwt: { expiresIn: '7d' } },
    },
    graphql: {
      enabled: true,
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        // Explicit limits: the plugin's defaults leave page size unbounded.
        depthLimit: 7,
        defaultLimit: 25,
        maxLimit: 100,
        landingPage: !production,
        apolloServer: {
          introspection: true,
          includeStacktraceInErrorResponses: !production,
        },
      },
    },
  };
};
