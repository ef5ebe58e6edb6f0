import { factories } from '@strapi/strapi';
import { GRANTS } from '../uids';
import donations from './donations';
import funds from './funds';

export default {
  fund: factories.createCoreService(GRANTS.fund as never),
  donation: factories.createCoreService(GRANTS.donation as never),
  donations,
  funds,
};
