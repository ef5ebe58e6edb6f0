// The enumerations used as values (seed, console) equal the content types' schema.json enums.
import {
  COMPOUND_TYPES,
  GRID_LEVELS,
  LEGAL_FORMS,
  ORGANISATION_KINDS,
  PROPERTY_MANAGEMENT,
  REGISTRATIONS,
  SERVICE_CATEGORIES,
} from '../../cms/server/src/domain/enums';
import { AREA_KINDS, AREA_LEVELS } from '../../cms/server/src/domain/area-hierarchy';
import { INCUBATION_STAGES } from '../../cms/server/src/domain/incubation-stages';
import area from '../../cms/server/src/content-types/area/schema.json';
import compound from '../../cms/server/src/content-types/compound/schema.json';
import grid from '../../cms/server/src/content-types/grid/schema.json';
import incubation from '../../cms/server/src/content-types/incubation/schema.json';
import organisation from '../../cms/server/src/content-types/organisation/schema.json';

it.each([
  ['area.level', area.attributes.level.enum, AREA_LEVELS],
  ['area.kind', area.attributes.kind.enum, AREA_KINDS],
  ['grid.level', grid.attributes.level.enum, GRID_LEVELS],
  ['compound.type', compound.attributes.type.enum, COMPOUND_TYPES],
  ['compound.propertyManagement', compound.attributes.propertyManagement.enum, PROPERTY_MANAGEMENT],
  ['organisation.kind', organisation.attributes.kind.enum, ORGANISATION_KINDS],
  ['organisation.legalForm', organisation.attributes.legalForm.enum, LEGAL_FORMS],
  ['organisation.registration', organisation.attributes.registration.enum, REGISTRATIONS],
  [
    'organisation.serviceCategory',
    organisation.attributes.serviceCategory.enum,
    SERVICE_CATEGORIES,
  ],
  ['incubation.stage', incubation.attributes.stage.enum, INCUBATION_STAGES],
])('%s', (_name, schemaEnum, values) => {
  expect([...values]).toEqual(schemaEnum);
});
