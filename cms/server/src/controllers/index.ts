import { factories } from '@strapi/strapi';
import { CMS } from '../uids';
import incubation from './incubation';
import dashboard from './dashboard';
import me from './me';

/**
 * Strapi's core controllers: they validate the query and body against the schema, call the
 * Document Service (where scoping, validation and audit happen) and sanitize the output.
 */
export default {
  area: factories.createCoreController(CMS.area as never),
  grid: factories.createCoreController(CMS.grid as never),
  compound: factories.createCoreController(CMS.compound as never),
  person: factories.createCoreController(CMS.person as never),
  organisation: factories.createCoreController(CMS.organisation as never),
  incubation,
  'audit-entry': factories.createCoreController(CMS.auditEntry as never),
  dashboard,
  me,
};
