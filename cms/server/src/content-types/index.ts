import area from './area';
import auditEntry from './audit-entry';
import compound from './compound';
import grid from './grid';
import incubation from './incubation';
import organisation from './organisation';
import person from './person';

export default {
  area,
  grid,
  compound,
  person,
  organisation,
  incubation,
  'audit-entry': auditEntry,
};
