import { factories } from '@strapi/strapi';
import { TB } from '../uids';
import activities from './activities';
import members from './members';
import mine from './mine';
import policy from './policy';
import redemptions from './redemptions';
import services from './services';
import stats from './stats';

export default {
  member: factories.createCoreController(TB.member as never),
  'family-link': factories.createCoreController(TB.familyLink as never),
  category: factories.createCoreController(TB.category as never),
  request: factories.createCoreController(TB.request as never),
  service: factories.createCoreController(TB.service as never),
  activity: factories.createCoreController(TB.activity as never),
  participation: factories.createCoreController(TB.participation as never),
  'policy-version': factories.createCoreController(TB.policyVersion as never),
  'catalogue-item': factories.createCoreController(TB.catalogueItem as never),
  redemption: factories.createCoreController(TB.redemption as never),
  gift: factories.createCoreController(TB.gift as never),
  activities,
  members,
  mine,
  policy,
  redemptions,
  services,
  stats,
};
