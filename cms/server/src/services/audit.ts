import type { Core } from '@strapi/strapi';
import { CMS } from '../uids';
import { dbQuery, modelOf } from '../utils';
import { newDocumentId } from './document-id';
import type kitFactory from './kit';
import type { Actor } from './viewer';

type Row = Record<string, unknown>;

const SYSTEM_FIELDS = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
]);

export interface AuditInput {
  contentType: string;
  action: 'create' | 'update' | 'delete';
  recordId: string;
  /** The record before and after, as loaded (any row shape: only its fields are read). */
  before: object | null;
  after: object | null;
  actor: Actor;
}

/**
 * The append-only audit log. Other plugins record their changes through `record`; entries are
 * written below the Document Service (which refuses every write to them) and the database
 * refuses UPDATE and DELETE on the table.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = () => strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;

  /** A record's state as the audit log keeps it: scalars, relations as document ids, PII masked. */
  function snapshot(uid: string, row: Row | null): Row | null {
    if (!row) return null;
    const model = modelOf(strapi, uid);
    const out: Row = {};
    for (const [name, attribute] of Object.entries(model.attributes)) {
      if (SYSTEM_FIELDS.has(name) || !(name in row)) continue;
      const value = row[name];
      if (attribute.type === 'relation') {
        out[name] = Array.isArray(value)
          ? value.map((v: Row) => v.documentId)
          : ((value as Row | null | undefined)?.documentId ?? null);
      } else {
        out[name] = value ?? null;
      }
    }
    // Personal data never enters a log, even one only administrators read.
    const personal = kit().declaration(uid)?.personal;
    if (personal)
      for (const [field, mask] of Object.entries(personal))
        if (typeof out[field] === 'string' && out[field] !== '') out[field] = mask(out[field]);
    return out;
  }

  function changedFields(before: Row | null, after: Row | null): string[] {
    const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
    keys.delete('documentId');
    return [...keys].filter(
      (k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null),
    );
  }

  return {
    snapshot,

    /** Appends one entry; call it inside the transaction that made the change. */
    async record(input: AuditInput): Promise<void> {
      const rowBefore = input.before as Row | null;
      const rowAfter = input.after as Row | null;
      const before = snapshot(input.contentType, rowBefore);
      const after = snapshot(input.contentType, rowAfter);
      const fields = changedFields(before, after);
      if (input.action === 'update' && fields.length === 0) return;
      // Filed under the record's area (as the kit declares it), so scoped staff read their
      // scope's history of money and forms as well as of places and people.
      const where = async (row: Row | null): Promise<unknown> =>
        (await kit().pathOf(input.contentType, row)) ?? row?.areaPath ?? row?.path ?? null;
      const areaPath = (await where(rowAfter)) ?? (await where(rowBefore));
      await dbQuery(strapi, CMS.auditEntry).create({
        data: {
          areaPath,
          documentId: newDocumentId(),
          action: input.action,
          contentType: input.contentType,
          recordId: input.recordId,
          fields,
          before,
          after,
          actorType: input.actor.type,
          actorId: input.actor.id,
          actorName: input.actor.name,
          occurredAt: new Date(),
          publishedAt: new Date(),
        },
      });
    },
  };
};
