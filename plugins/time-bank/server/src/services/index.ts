import { factories } from '@strapi/strapi';
import { TB } from '../uids';
import activities from './activities';
import exchange from './exchange';
import hours from './hours';
import members from './members';
import policy from './policy';
import redemptions from './redemptions';
import stats from './stats';

export default {
  member: factories.createCoreService(TB.member as never),
  'family-link': factories.createCoreService(TB.familyLink as never),
  category: factories.createCoreService(TB.category as never),
  request: factories.createCoreService(TB.request as never),
  service: factories.createCoreService(TB.service as never),
  activity: factories.createCoreService(TB.activity as never),
  participation: factories.createCoreService(TB.participation as never),
  'policy-version': factories.createCoreService(TB.policyVersion as never),
  'catalogue-item': factories.createCoreService(TB.catalogueItem as never),
  redemption: factories.createCoreService(TB.redemption as never),
  gift: factories.createCoreService(TB.gift as never),
  lot: factories.createCoreService(TB.lot as never),
  activities,
  exchange,
  hours,
  members,
  policy,
  redemptions,
  stats,
};
