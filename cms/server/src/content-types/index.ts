import area from './area';
import auditEntry from './audit-entry';
import compound from './compound';
import grid from './grid';
import household from './household';
import incubation from './incubation';
import organisation from './organisation';
import person from './person';
import propertyOwner from './property-owner';
import propertyUnit from './property-unit';

export default {
  area,
  grid,
  compound,
  person,
  organisation,
  incubation,
  'property-unit': propertyUnit,
  'property-owner': propertyOwner,
  household,
  'audit-entry': auditEntry,
};
