import type { Knex } from 'knex';
import { ensureCheck } from '../migrate';

/**
 * What the database itself keeps true for property units, owners and households: one row per
 * room of a compound (the service's room key is compound|building|unit|room, because the compound
 * lives in Strapi's join table and an index cannot span two tables), one household per room,
 * positive areas and shares in (0, 1]; and the indexes the electorate and the room list read by.
 */
export const repeatable = true;

export async function up(knex: Knex, client: 'sqlite' | 'postgres'): Promise<void> {
  const index = (name: string, table: string, columns: string, unique = false) =>
    knex.raw(
      `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`,
    );
  await index('cms_property_units_room_key_unique', 'cms_property_units', 'room_key', true);
  await index('cms_property_units_area_path', 'cms_property_units', 'area_path');
  // Strapi's join tables for the relations: a room's household, a compound's rooms, a room's owners.
  await index(
    'cms_households_one_per_room',
    'cms_households_property_unit_lnk',
    'property_unit_id',
    true,
  );
  await index(
    'cms_property_units_by_compound',
    'cms_property_units_compound_lnk',
    'compound_id, property_unit_id',
  );
  await index(
    'cms_property_owners_by_unit',
    'cms_property_owners_property_unit_lnk',
    'property_unit_id, property_owner_id',
  );
  await index(
    'cms_households_members_by_household',
    'cms_households_members_lnk',
    'household_id, person_id',
  );

  const check = (table: string, name: string, expression: string) =>
    ensureCheck(knex, client, table, name, expression);
  await check('cms_property_units', 'cms_property_units_floor_area', '{floor_area} > 0');
  await check(
    'cms_property_owners',
    'cms_property_owners_share',
    '{share_numerator} > 0 AND {share_denominator} > 0 AND {share_numerator} <= {share_denominator}',
  );
}
