import { factories } from '@strapi/strapi';
import { CMS } from '../uids';
import audit from './audit';
import authCache from './auth-cache';
import chinaTime from './china-time';
import dashboard from './dashboard';
import directory from './directory';
import errors from './errors';
import identifiers from './identifiers';
import incubations from './incubations';
import kit from './kit';
import permissions from './permissions';
import properties from './properties';
import records from './records';
import viewer from './viewer';

export default {
  // Strapi's core services, which the core controllers call (`plugin::cms.area` …).
  area: factories.createCoreService(CMS.area as never),
  grid: factories.createCoreService(CMS.grid as never),
  compound: factories.createCoreService(CMS.compound as never),
  person: factories.createCoreService(CMS.person as never),
  organisation: factories.createCoreService(CMS.organisation as never),
  incubation: factories.createCoreService(CMS.incubation as never),
  'audit-entry': factories.createCoreService(CMS.auditEntry as never),
  'property-unit': factories.createCoreService(CMS.propertyUnit as never),
  'property-owner': factories.createCoreService(CMS.propertyOwner as never),
  household: factories.createCoreService(CMS.household as never),
  audit,
  authCache,
  chinaTime,
  dashboard,
  directory,
  errors,
  identifiers,
  incubations,
  kit,
  permissions,
  properties,
  records,
  viewer,
};
