import type { Core } from '@strapi/strapi';
import { GRANTS } from './uids';

/**
 * Where the foundation's records belong, for the cms kit: a fund belongs to its area (a
 * community for a community micro-fund, the foundation's district otherwise); everything else
 * belongs where the money it moves comes from. Staff scoped to one district therefore see their
 * district's funds, donations, rounds and awards only, and the audit log files them there too.
 */
export const GRANTS_SCOPES: Record<string, string> = {
  [GRANTS.fund]: 'areaPath',
  [GRANTS.donation]: 'fund.areaPath',
  [GRANTS.round]: 'fund.areaPath',
  [GRANTS.award]: 'fund.areaPath',
  [GRANTS.application]: 'round.fund.areaPath',
  [GRANTS.review]: 'application.round.fund.areaPath',
  [GRANTS.disbursement]: 'award.fund.areaPath',
  [GRANTS.report]: 'award.fund.areaPath',
};

export function declareGrantsScopes(strapi: Core.Strapi): void {
  const kit = strapi.plugin('cms').service('kit') as {
    declare(uid: string, declaration: { scope: { path: string } }): void;
  };
  for (const [uid, path] of Object.entries(GRANTS_SCOPES)) kit.declare(uid, { scope: { path } });
}
