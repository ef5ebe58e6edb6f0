import type { Core } from '@strapi/strapi';
import type services from './services';

type Services = typeof services;

/** This plugin's own service, typed (after Strapi's i18n plugin): no call site casts. */
export const getService = <N extends keyof Services>(
  strapi: Core.Strapi,
  name: N,
): ReturnType<Services[N]> => strapi.plugin('cms').service(name) as ReturnType<Services[N]>;
