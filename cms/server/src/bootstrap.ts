import type { Core } from '@strapi/strapi';
import { keepIncubationColumns } from './incubation-derived';
import { seedRolesAndPermissions } from './permissions';
import type authCache from './services/auth-cache';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  keepIncubationColumns(strapi);
  await seedRolesAndPermissions(strapi);
  // Who a user is, kept between requests and dropped on any change of users, roles,
  // permissions or areas, in every process (services/auth-cache.ts).
  await (strapi.plugin('cms').service('authCache') as ReturnType<typeof authCache>).start();
};
