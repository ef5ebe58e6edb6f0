import type { Core } from '@strapi/strapi';
import { TB } from './uids';

/**
 * Where the time bank's records belong, for the cms kit: each carries the area path of the
 * community it happens in (a member's home community, a request's place, an activity's venue),
 * so a community worker sees and acts on their community's only. Categories and the policy are
 * the district's, read by everyone signed in.
 */
export const TIME_BANK_SCOPES: Record<string, string> = {
  [TB.member]: 'areaPath',
  [TB.familyLink]: 'areaPath',
  [TB.request]: 'areaPath',
  [TB.service]: 'areaPath',
  [TB.activity]: 'areaPath',
  [TB.participation]: 'areaPath',
  [TB.catalogueItem]: 'areaPath',
  [TB.redemption]: 'areaPath',
  [TB.gift]: 'areaPath',
  [TB.lot]: 'member.areaPath',
};

export function declareTimeBankScopes(strapi: Core.Strapi): void {
  const kit = strapi.plugin('cms').service('kit') as {
    declare(
      uid: string,
      declaration: { scope: { path: string } | { foundationWide: string }; publicRead?: boolean },
    ): void;
  };
  for (const [uid, path] of Object.entries(TIME_BANK_SCOPES)) kit.declare(uid, { scope: { path } });
  kit.declare(TB.category, {
    scope: { foundationWide: 'the service categories are the whole district’s' },
    publicRead: true,
  });
  kit.declare(TB.policyVersion, {
    scope: { foundationWide: 'the time bank’s policy is the whole district’s' },
    publicRead: true,
  });
}
