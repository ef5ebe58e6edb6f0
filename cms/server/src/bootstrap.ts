import type { Core } from '@strapi/strapi';
import { seedRolesAndPermissions } from './permissions';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await seedRolesAndPermissions(strapi);
};
