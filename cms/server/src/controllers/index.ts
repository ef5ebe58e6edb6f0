import { factories } from '@strapi/strapi';
import { CMS } from '../uids';
import incubation from './incubation';
import dashboard from './dashboard';
import auditEntry from './audit-entry';
import me from './me';
import person from './person';
import properties from './properties';

/**
 * Strapi's core controllers: they validate the query and body against the schema, call the
 * Document Service (where scoping, validation and audit happen) and sanitize the output.
 */
export default {
  area: factories.createCoreController(CMS.area as never),
  grid: factories.createCoreController(CMS.grid as never),
  compound: factories.createCoreController(CMS.compound as never),
  person,
  organisation: factories.createCoreController(CMS.organisation as never),
  incubation,
  dashboard,
  'audit-entry': auditEntry,
  me,
  properties,
};
