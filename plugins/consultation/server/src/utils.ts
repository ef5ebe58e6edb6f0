import type { Core } from '@strapi/strapi';
import type { CmsServices } from '../../../../cms/server/src/shared/contracts/services';
import type { FormsServices } from '../../../forms/server/src/shared/contracts/services';
import type services from './services';

type Services = typeof services;

/** This plugin's own service, typed (after Strapi's i18n plugin): no call site casts. */
export const getService = <N extends keyof Services>(
  strapi: Core.Strapi,
  name: N,
): ReturnType<Services[N]> =>
  strapi.plugin('consultation').service(name) as ReturnType<Services[N]>;

/**
 * A cms service, typed by the contract the cms plugin publishes (imported as a type only: the
 * call still goes through Strapi, never into cms files).
 */
export const cmsService = <N extends keyof CmsServices>(
  strapi: Core.Strapi,
  name: N,
): CmsServices[N] => strapi.plugin('cms').service(name) as CmsServices[N];

/** A forms service, typed by the contract the forms plugin publishes (a type-only import). */
export const formsService = <N extends keyof FormsServices>(
  strapi: Core.Strapi,
  name: N,
): FormsServices[N] => strapi.plugin('forms').service(name) as FormsServices[N];

/** The cases service, when the cases plugin runs (a decision's follow-up becomes a case). */
export const casesService = (strapi: Core.Strapi): CasesIntake | null => {
  const plugin = strapi.plugin('cases');
  return plugin ? (plugin.service('cases') as CasesIntake) : null;
};

/** The one cases call consultation makes (cases' intake, as its service exposes it). */
export interface CasesIntake {
  intake(
    body: Record<string, unknown>,
    options: { channel: 'proactive' },
  ): Promise<{ id: number; documentId: string; number: string }>;
}
