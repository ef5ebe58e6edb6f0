import type { Core } from '@strapi/strapi';
import { CMS } from '../uids';

/** The record kinds whose names other plugins may look up, by the name their fields use. */
const NAMED_KINDS = {
  area: CMS.area,
  person: CMS.person,
  organisation: CMS.organisation,
} as const;
export type NamedKind = keyof typeof NAMED_KINDS;

/** Names are read in slices, so a long list never becomes one enormous `IN (…)`. */
const SLICE = 500;

/**
 * Read-only lookups of cms records for other plugins, which never query the cms tables
 * themselves: an organisation by its credit code or its name (a grant application names its
 * applicant), and records' names by documentId (a forms export shows names, never ids). These
 * read the tables as they are, unscoped: callers show only what is returned here (a documentId
 * or a name), never a record's other fields.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = (uid: string) => strapi.db.query(uid as never);

  return {
    /** The organisation registered under this unified social credit code, if any. */
    async organisationByCreditCode(
      creditCode: string,
    ): Promise<{ id: number; documentId: string } | null> {
      if (typeof creditCode !== 'string' || !creditCode) return null;
      return query(CMS.organisation).findOne({
        where: { creditCode },
        select: ['id', 'documentId'],
      });
    },

    /** The (first) organisation with exactly this name, if any. */
    async organisationByName(name: string): Promise<{ id: number; documentId: string } | null> {
      if (typeof name !== 'string') return null;
      return query(CMS.organisation).findOne({ where: { name }, select: ['id', 'documentId'] });
    },

    /** The names of the areas, people or organisations with these documentIds, by documentId. */
    async namesOf(kind: NamedKind, documentIds: Iterable<string>): Promise<Map<string, string>> {
      const uid = NAMED_KINDS[kind];
      const names = new Map<string, string>();
      if (!uid) return names;
      const list = [...new Set(documentIds)];
      for (let i = 0; i < list.length; i += SLICE) {
        const found: { documentId: string; name: string }[] = await query(uid).findMany({
          where: { documentId: { $in: list.slice(i, i + SLICE) } },
          select: ['documentId', 'name'],
        });
        for (const r of found) names.set(r.documentId, r.name);
      }
      return names;
    },
  };
};
