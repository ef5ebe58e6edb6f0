import bootstrap from './bootstrap';
import contentTypes from './content-types';
import controllers from './controllers';
import register from './register';
import routes from './routes';
import services from './services';

import type { Core } from '@strapi/strapi';
import type authCache from './services/auth-cache';

export default {
  register,
  bootstrap,
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.plugin('cms').service('authCache') as ReturnType<typeof authCache>).stop();
  },
  contentTypes,
  controllers,
  routes,
  services,
};
