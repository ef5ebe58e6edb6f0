import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { LABEL_RULES, maskAnswers, operationOf, recordLabel } from '../domain/audit-labels';
import type { Viewer } from '../domain/scope';
import { CMS } from '../uids';
import { dbQuery, modelOf } from '../utils';
import { newDocumentId } from './document-id';
import type kitFactory from './kit';
import type { Actor } from './viewer';
import type viewerFactory from './viewer';

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

/** The plugins whose records the audit log holds. */
const AUDITED_PLUGINS = /^plugin::(cms|grants|forms)\./;

export interface AuditInput {
  contentType: string;
  action: 'create' | 'update' | 'delete';
  recordId: string;
  /** The record before and after, as loaded (any row shape: only its fields are read). */
  before: object | null;
  after: object | null;
  actor: Actor;
  /** The business operation, when the caller knows it better than the diff does. */
  operation?: string;
}

/**
 * The append-only audit log. Other plugins record their changes through `record`; entries are
 * written below the Document Service (which refuses every write to them) and the database
 * refuses UPDATE and DELETE on the table.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = () => strapi.plugin('cms').service('kit') as ReturnType<typeof kitFactory>;
  const viewers = () => strapi.plugin('cms').service('viewer') as ReturnType<typeof viewerFactory>;

  /** A record's state as the audit log keeps it: scalars, relations as document ids, PII masked. */
  function snapshot(uid: string, row: Row | null): Row | null {
    if (!row) return null;
    const model = modelOf(strapi, uid);
    const out: Row = {};
    for (const [name, attribute] of Object.entries(model.attributes)) {
      // Private attributes are the server's own bookkeeping (a submission's idempotency key, an
      // incubation's dates kept from its JSON), not something a person changed.
      if (SYSTEM_FIELDS.has(name) || !(name in row) || (attribute as { private?: boolean }).private)
        continue;
      const value = row[name];
      if (attribute.type === 'relation') {
        out[name] = Array.isArray(value)
          ? value.map((v: Row) => v.documentId)
          : ((value as Row | null | undefined)?.documentId ?? null);
      } else if (attribute.type === 'json') {
        out[name] = maskAnswers(value ?? null);
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
    // On an update, a field missing from one side was not loaded (a relation the caller did
    // not populate), not changed: only fields both sides hold are compared.
    const keys =
      before && after
        ? new Set(Object.keys(before).filter((k) => k in after))
        : new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
    keys.delete('documentId');
    return [...keys].filter(
      (k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null),
    );
  }

  /**
   * The record's human name, resolved now and kept in the entry: once the record is deleted
   * (or its fund renamed) the entry still says what it was.
   */
  async function labelOf(uid: string, row: Row | null): Promise<string> {
    if (!row) return '';
    const named = (v: unknown) =>
      typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
    let related: string | null = null;
    for (const relation of LABEL_RULES[uid]?.relation ?? []) {
      const given = row[relation.field];
      related =
        given && typeof given === 'object' && !Array.isArray(given)
          ? named((given as Row)[relation.select])
          : null;
      if (related === null && (row.id !== undefined || row.documentId !== undefined)) {
        const loaded = (await dbQuery(strapi, uid).findOne({
          where: row.id !== undefined ? { id: row.id } : { documentId: row.documentId },
          select: ['id'],
          populate: { [relation.field]: { select: [relation.select] } },
        })) as Row | null;
        related = named((loaded?.[relation.field] as Row | null | undefined)?.[relation.select]);
      }
      if (related !== null) break;
    }
    return recordLabel(uid, row, related);
  }

  /** The area an entry is filed under: the record's, as the kit declares it. */
  async function areaOf(uid: string, row: Row | null): Promise<unknown> {
    return (await kit().pathOf(uid, row)) ?? row?.areaPath ?? row?.path ?? null;
  }

  /**
   * The content types whose entries a viewer may read: those their role may read at all (its
   * `find` permission), so a community worker, whose community holds a micro-fund, still reads
   * no donation amounts. Null means every type (administrators, API tokens, the server).
   */
  async function readableTypes(viewer: Viewer): Promise<string[] | null> {
    if (viewer.kind === 'global') return null;
    const role = viewer.kind === 'scoped' ? viewer.role : viewer.role;
    const rows = (await dbQuery(strapi, 'plugin::users-permissions.permission').findMany({
      where: { role: { type: role }, action: { $endsWith: '.find' } },
      select: ['action'],
    })) as { action: string }[];
    return [
      ...new Set(
        rows
          .map((r) => r.action.slice(0, -'.find'.length))
          .filter((uid) => AUDITED_PLUGINS.test(uid) && uid !== CMS.auditEntry),
      ),
    ];
  }

  async function append(data: Row): Promise<void> {
    await dbQuery(strapi, CMS.auditEntry).create({
      data: {
        ...data,
        documentId: newDocumentId(),
        occurredAt: new Date(),
        publishedAt: new Date(),
      },
    });
  }

  return {
    snapshot,
    readableTypes,

    /** Every content type the log may hold, for viewers who may read them all. */
    auditedTypes(): string[] {
      return Object.keys(strapi.contentTypes)
        .filter((uid) => AUDITED_PLUGINS.test(uid) && uid !== CMS.auditEntry)
        .sort();
    },

    /**
     * Narrows a read of audit entries to the record types the viewer may read (in place). The
     * kit has narrowed them to the viewer's subtree, letting entries filed under no area through
     * for staff: those are kept only for types that belong to no area (forms, serving the whole
     * district) or whose unplaced records belong to the viewer's role (submissions naming no
     * place, for form owners).
     */
    async narrow(params: Row, viewer: Viewer): Promise<void> {
      const types = await readableTypes(viewer);
      if (types === null) return;
      const unplaced = types.filter((uid) => {
        const scope = kit().declaration(uid)?.scope;
        return (
          !!scope &&
          ('foundationWide' in scope ||
            (viewer.kind === 'scoped' && !!scope.unplacedFor?.includes(viewer.role)))
        );
      });
      const filter = {
        contentType: { $in: types.length ? types : ['-'] },
        $or: [
          { areaPath: { $notNull: true } },
          { contentType: { $in: unplaced.length ? unplaced : ['-'] } },
        ],
      };
      params.filters = params.filters ? { $and: [params.filters, filter] } : filter;
    },

    /**
     * A plugin service's change to one of its records, by whoever is acting now (the request's
     * user, or the system): the record is known by its documentId (after, or before a delete).
     */
    async recordChange(
      contentType: string,
      action: AuditInput['action'],
      before: object | null,
      after: object | null,
      operation?: string,
    ): Promise<void> {
      const row = (after ?? before) as Row | null;
      await this.record({
        contentType,
        action,
        recordId: String(row?.documentId ?? ''),
        before,
        after,
        actor: viewers().actor(),
        ...(operation ? { operation } : {}),
      });
    },

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
      const areaPath =
        (await areaOf(input.contentType, rowAfter)) ?? (await areaOf(input.contentType, rowBefore));
      const recordLabelText =
        (await labelOf(input.contentType, rowAfter)) ||
        (await labelOf(input.contentType, rowBefore));
      await append({
        areaPath,
        action: input.action,
        operation:
          input.operation ?? operationOf(input.contentType, input.action, rowBefore, rowAfter),
        contentType: input.contentType,
        recordId: input.recordId,
        recordLabel: recordLabelText || null,
        fields,
        before,
        after,
        actorType: input.actor.type,
        actorId: input.actor.id,
        actorName: input.actor.name,
      });
    },

    /**
     * A personal field's whole value, for the viewer whose scope owns the record, with an entry
     * saying who looked ("查看身份证号"). Anyone else is told the record does not exist.
     */
    async reveal(uid: string, documentId: string, field: string): Promise<string | null> {
      const viewer = await viewers().current();
      const row = (await dbQuery(strapi, uid).findOne({ where: { documentId } })) as Row | null;
      if (!row || viewer.kind === 'public' || !(await kit().mayReach(uid, row, viewer)))
        throw new errors.NotFoundError('Not Found');
      const value = typeof row[field] === 'string' ? (row[field] as string) : null;
      await append({
        areaPath: await areaOf(uid, row),
        action: 'view',
        operation: `reveal_${field}`,
        contentType: uid,
        recordId: documentId,
        recordLabel: (await labelOf(uid, row)) || null,
        fields: [field],
        before: null,
        after: null,
        ...(() => {
          const actor = viewers().actor();
          return { actorType: actor.type, actorId: actor.id, actorName: actor.name };
        })(),
      });
      return value;
    },
  };
};
