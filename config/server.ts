type Env = {
  (key: string, fallback?: string): string;
  int(key: string, fallback?: number): number;
  bool(key: string, fallback?: boolean): boolean;
  array(key: string, fallback?: string[]): string[];
};

export default ({ env }: { env: Env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  // The address people reach the server at behind a reverse proxy (https://linli.example.org):
  // QR codes and links carry it instead of whatever host a request came to.
  url: env('PUBLIC_URL', ''),
  // Behind a reverse proxy, TRUST_PROXY=true makes each request's address the client's own (the
  // last TRUST_PROXY_HOPS entries of X-Forwarded-For, those the proxies added), so rate limits
  // count per client and not per proxy. Off by default: without a proxy the header is the
  // client's to forge.
  proxy: {
    koa: env.bool('TRUST_PROXY', false),
    maxIpsCount: env.int('TRUST_PROXY_HOPS', 1),
  },
  app: { keys: env.array('APP_KEYS') },
  logger: { updates: { enabled: false }, startup: { enabled: false } },
});
