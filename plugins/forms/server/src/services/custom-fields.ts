import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { FIELD_KEY_PATTERN, type FormDefinition } from '../domain/fields';
import { formIssue, FormValidationError, type FormIssue } from '../domain/issues';
import { validateSubmission } from '../domain/validate';
import type { FormRow, VersionRow } from '../rows';
import { CUSTOM_FIELD_UIDS, FORMS } from '../uids';
import { cmsService, getService } from '../utils';

const appliesToOf = (uid: string) =>
  Object.entries(CUSTOM_FIELD_UIDS).find(([, u]) => u === uid)?.[0];

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Custom fields: an administrator's `custom-fields` form for a cms content type adds fields to
 * its records. The values live on the record (`customFields`, a JSON attribute this plugin adds
 * to the cms content types), are validated against the form's live version like any submission,
 * and can be filtered on. A field removed from the form keeps its stored values: they stay
 * readable and are carried along unchanged, but can no longer be written.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const checks = () => cmsService(strapi, 'identifiers');

  async function liveDefinition(uid: string): Promise<FormDefinition | null> {
    const appliesTo = appliesToOf(uid);
    if (!appliesTo) return null;
    const form: Pick<FormRow, 'documentId' | 'liveVersion'> | null = await strapi.db
      .query(FORMS.form)
      .findOne({
        where: {
          purpose: 'custom-fields',
          appliesTo,
          archived: false,
          liveVersion: { $notNull: true },
        },
        select: ['documentId', 'liveVersion'],
      });
    if (!form) return null;
    const version: Pick<VersionRow, 'definition'> | null = await strapi.db
      .query(FORMS.version)
      .findOne({
        where: { formKey: form.documentId, number: form.liveVersion },
        select: ['definition'],
      });
    return (version?.definition as FormDefinition) ?? null;
  }

  return {
    liveDefinition,

    /** The values to store: incoming answers validated, retired fields' values carried over. */
    async prepare(
      uid: string,
      incoming: unknown,
      stored: Record<string, unknown> | null,
    ): Promise<Record<string, unknown> | null> {
      if (incoming === null) incoming = {};
      if (!incoming || typeof incoming !== 'object' || Array.isArray(incoming)) {
        throw new FormValidationError([
          formIssue(
            'invalid_type',
            'customFields',
            'customFields must be an object',
            '自定义字段格式不正确',
          ),
        ]);
      }
      const definition = (await liveDefinition(uid)) ?? { fields: [] };
      const current = new Set(definition.fields.map((f) => f.key));
      const answers: Record<string, unknown> = {};
      const kept: Record<string, unknown> = {};
      const issues: FormIssue[] = [];
      for (const [key, value] of Object.entries(incoming as Record<string, unknown>)) {
        if (current.has(key)) answers[key] = value;
        else if (stored && key in stored && sameValue(stored[key], value)) kept[key] = value;
        else if (value !== null && value !== undefined) {
          issues.push(
            formIssue(
              'unknown_field',
              `customFields.${key}`,
              `${key} is not a custom field of this record`,
              `${key} 不是此类记录的自定义字段`,
            ),
          );
        }
      }
      const result = validateSubmission(definition, answers, checks());
      if (result.issues.length === 0) {
        const submissions = getService(strapi, 'submissions');
        result.issues.push(
          ...(await submissions.referenceIssues({ documentId: null }, result.references)),
        );
      }
      issues.push(...result.issues.map((i) => ({ ...i, path: `customFields.${i.path}` })));
      if (issues.length) throw new FormValidationError(issues);
      return { ...kept, ...result.value };
    },

    /**
     * Rewrites `customFields` conditions in Document Service filters into `documentId $in`:
     * `{ customFields: { $eq: { key: value } } }` (equal, or among a multiple choice),
     * `$containsi` (text contains), `$gte` / `$lte` (numbers, money in fen, dates).
     * Strapi cannot filter inside a JSON attribute itself.
     */
    async rewriteFilters(uid: string, filters: unknown): Promise<unknown> {
      if (!filters || typeof filters !== 'object') return filters;
      if (Array.isArray(filters))
        return Promise.all(filters.map((f) => this.rewriteFilters(uid, f)));
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(filters)) {
        if (key === 'customFields' && value && typeof value === 'object') {
          const ids = await matchingDocumentIds(uid, value as Record<string, unknown>);
          const condition = ids.length ? { documentId: { $in: ids } } : { id: { $null: true } };
          out.$and = [...((out.$and as unknown[] | undefined) ?? []), condition];
        } else if (key.startsWith('$')) {
          const rewritten = await this.rewriteFilters(uid, value);
          out[key] =
            key === '$and' && Array.isArray(out.$and)
              ? [...out.$and, ...(rewritten as unknown[])]
              : rewritten;
        } else {
          out[key] = value;
        }
      }
      return out;
    },
  };

  async function matchingDocumentIds(
    uid: string,
    condition: Record<string, unknown>,
  ): Promise<string[]> {
    const meta = strapi.db.metadata.get(uid);
    const table = meta.tableName;
    // A JSON attribute (register.ts adds it), so a scalar one with a column.
    const customFields = meta.attributes.customFields as { columnName?: string } | undefined;
    const column = customFields?.columnName ?? 'custom_fields';
    const postgres = strapi.db.dialect.client === 'postgres';
    const knex = strapi.db.connection;
    const query = knex(table).select('document_id').whereNotNull(column);
    for (const [op, pairs] of Object.entries(condition)) {
      if (!pairs || typeof pairs !== 'object') throw badFilter(`customFields.${op}`);
      for (const [key, given] of Object.entries(pairs as Record<string, unknown>)) {
        let value = given;
        if (!FIELD_KEY_PATTERN.test(key)) throw badFilter(`customFields.${op}.${key}`);
        const path = `$.${key}`;
        if (op === '$eq') {
          if (postgres) {
            query.whereRaw(
              `(?? -> ? = ?::jsonb OR (jsonb_typeof(?? -> ?) = 'array' AND ?? -> ? @> ?::jsonb))`,
              [
                column,
                key,
                JSON.stringify(value),
                column,
                key,
                column,
                key,
                JSON.stringify([value]),
              ],
            );
          } else {
            const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
            query.whereRaw(`EXISTS (SELECT 1 FROM json_each(??, ?) WHERE value = ?)`, [
              column,
              path,
              v as Knex.Value,
            ]);
          }
        } else if (op === '$containsi') {
          const like = `%${String(value)
            .toLowerCase()
            .replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
          if (postgres) query.whereRaw(`lower(?? ->> ?) LIKE ? ESCAPE '\\'`, [column, key, like]);
          else
            query.whereRaw(`lower(json_extract(??, ?)) LIKE ? ESCAPE '\\'`, [column, path, like]);
        } else if (op === '$gte' || op === '$lte') {
          const sign = op === '$gte' ? '>=' : '<=';
          // Query strings carry numbers as text.
          if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) value = Number(value);
          if (typeof value === 'number') {
            if (postgres) {
              query.whereRaw(
                `(CASE WHEN jsonb_typeof(?? -> ?) = 'number' THEN (?? ->> ?)::numeric END) ${sign} ?`,
                [column, key, column, key, value],
              );
            } else {
              query.whereRaw(
                `(CASE WHEN json_type(??, ?) IN ('integer', 'real') THEN json_extract(??, ?) END) ${sign} ?`,
                [column, path, column, path, value],
              );
            }
          } else if (typeof value === 'string') {
            if (postgres) query.whereRaw(`(?? ->> ?) ${sign} ?`, [column, key, value]);
            else query.whereRaw(`json_extract(??, ?) ${sign} ?`, [column, path, value]);
          } else {
            throw badFilter(`customFields.${op}.${key}`);
          }
        } else {
          throw badFilter(`customFields.${op}`);
        }
      }
    }
    const rows: { document_id: string }[] = await query;
    return [...new Set(rows.map((r) => r.document_id))];
  }
};

const badFilter = (path: string) =>
  new FormValidationError([
    formIssue(
      'invalid_filter',
      `filters.${path}`,
      `filters.${path}: use $eq, $containsi, $gte or $lte with { fieldKey: value }`,
      `filters.${path}：请使用 $eq、$containsi、$gte 或 $lte，形如 { 字段: 值 }`,
    ),
  ]);
