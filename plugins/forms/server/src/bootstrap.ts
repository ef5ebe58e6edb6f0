import type { Core } from '@strapi/strapi';
import { seedFormsPermissions } from './permissions';
import { incubationTarget } from './services/incubation-target';
import type targetsFactory from './services/targets';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const targets = strapi.plugin('forms').service('targets') as ReturnType<typeof targetsFactory>;
  targets.register(incubationTarget(strapi));
  await seedFormsPermissions(strapi);
};
