import { factories } from '@strapi/strapi';
import { GRANTS } from '../uids';
import actions from './actions';
import applicant from './applicant';
import dashboard from './dashboard';
import grantActions from './grant-actions';

export default {
  fund: factories.createCoreController(GRANTS.fund as never),
  donation: factories.createCoreController(GRANTS.donation as never),
  round: factories.createCoreController(GRANTS.round as never),
  application: factories.createCoreController(GRANTS.application as never),
  review: factories.createCoreController(GRANTS.review as never),
  award: factories.createCoreController(GRANTS.award as never),
  disbursement: factories.createCoreController(GRANTS.disbursement as never),
  report: factories.createCoreController(GRANTS.report as never),
  actions,
  applicant,
  dashboard,
  'grant-actions': grantActions,
};
