import type { Core } from '@strapi/strapi';
import type services from './services';

type Services = typeof services;

/** This plugin's own service, typed (after Strapi's i18n plugin): no call site casts. */
export const getService = <N extends keyof Services>(
  strapi: Core.Strapi,
  name: N,
): ReturnType<Services[N]> => strapi.plugin('cms').service(name) as ReturnType<Services[N]>;

type QueryUid = Parameters<Core.Strapi['db']['query']>[0];
type ModelUid = Parameters<Core.Strapi['getModel']>[0];

/**
 * The query engine for a content type named at run time. Strapi types its UIDs from generated
 * declarations this app does not keep, so a plain string (another plugin's, users-permissions')
 * is cast here, once.
 */
export const dbQuery = (strapi: Core.Strapi, uid: string) => strapi.db.query(uid as QueryUid);

/** A content type's model, for a UID named at run time (see `dbQuery`). */
export const modelOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as ModelUid);
