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
 * applicant), whether a record exists and where an area sits in the tree (a form's answer that
 * names an area, a person or an organisation), and records' names by documentId (a forms export
 * shows names, never ids). These
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

    /**
     * Whether an area, person or organisation with this documentId exists (a form answer may
     * name only a record that does).
     */
    async exists(kind: NamedKind, documentId: string): Promise<boolean> {
      const uid = NAMED_KINDS[kind];
      if (!uid || typeof documentId !== 'string') return false;
      return Boolean(await query(uid).findOne({ where: { documentId }, select: ['id'] }));
    },

    /**
     * The area with this documentId, with its materialised path (`/510114/510114001/`: it ends
     * with its separator, so one area is inside another when its path starts with the other's);
     * null when there is no such area. The path is null only for an area not yet placed.
     */
    async area(documentId: string): Promise<{ documentId: string; path: string | null } | null> {
      if (typeof documentId !== 'string') return null;
      return query(CMS.area).findOne({ where: { documentId }, select: ['documentId', 'path'] });
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
