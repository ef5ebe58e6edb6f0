import bootstrap from './bootstrap';
import contentTypes from './content-types';
import controllers from './controllers';
import register from './register';
import routes from './routes';
import services from './services';

export default {
  register,
  bootstrap,
  contentTypes,
  controllers,
  routes,
  services,
  config: {
    default: ({ env }: { env: (key: string, fallback?: string) => string }) => ({
      // Submissions (and uploads) per client and form in each window.
      rateLimit: {
        max: Number(env('LINLI_FORMS_RATE_MAX', '20')),
        windowSeconds: Number(env('LINLI_FORMS_RATE_WINDOW', '600')),
      },
      // How long after a new version is published the previous one is still accepted.
      versionGraceHours: Number(env('LINLI_FORMS_VERSION_GRACE_HOURS', '24')),
    }),
    validator: () => undefined,
  },
};
