import type { Core } from '@strapi/strapi';
import { seedFormsPermissions } from './permissions';
import { incubationTarget } from './services/incubation-target';
import { getService } from './utils';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const targets = getService(strapi, 'targets');
  targets.register(incubationTarget(strapi));
  await seedFormsPermissions(strapi);
};
