import { factories } from '@strapi/strapi';
import { GRANTS } from '../uids';
import applicant from './applicant';
import applications from './applications';
import awards from './awards';
import dashboard from './dashboard';
import donations from './donations';
import funds from './funds';
import records from './records';
import reviews from './reviews';
import rounds from './rounds';
import statements from './statements';

export default {
  fund: factories.createCoreService(GRANTS.fund as never),
  donation: factories.createCoreService(GRANTS.donation as never),
  round: factories.createCoreService(GRANTS.round as never),
  application: factories.createCoreService(GRANTS.application as never),
  review: factories.createCoreService(GRANTS.review as never),
  award: factories.createCoreService(GRANTS.award as never),
  disbursement: factories.createCoreService(GRANTS.disbursement as never),
  report: factories.createCoreService(GRANTS.report as never),
  applicant,
  applications,
  awards,
  dashboard,
  donations,
  funds,
  records,
  reviews,
  rounds,
  statements,
};
