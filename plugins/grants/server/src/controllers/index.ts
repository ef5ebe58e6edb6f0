import { factories } from '@strapi/strapi';
import { GRANTS } from '../uids';
import actions from './actions';

export default {
  fund: factories.createCoreController(GRANTS.fund as never),
  donation: factories.createCoreController(GRANTS.donation as never),
  actions,
};
