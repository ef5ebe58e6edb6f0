import type { Core } from '@strapi/strapi';
import { bindingIssues } from '../domain/bindings';
import { definitionIssues } from '../domain/definition';
import {
  CUSTOM_FIELD_TARGETS,
  FORM_ACCESS,
  FORM_PURPOSES,
  RESERVED_SLUGS,
  SLUG_PATTERN,
  allFields,
  type FormDefinition,
} from '../domain/fields';
import type { FormsErrorCode } from '../domain/errors';
import { formIssue, FormValidationError, type FormIssue } from '../domain/issues';
import { toJsonSchema, toUiSchema } from '../domain/json-schema';
import type { FormRow, VersionRow } from '../rows';
import { FORMS } from '../uids';
import { refusal } from './http-errors';
import { schemaCompileError } from './schema-check';
import { cmsService, getService } from '../utils';

const ROLE_TYPES = [
  'foundation-staff',
  'incubator',
  'community-worker',
  'reviewer',
  'volunteer',
  'resident',
];

/**
 * A form's life: settings and a draft are edited freely; publishing freezes the draft into the
 * next numbered version (never changed again — a database trigger refuses any UPDATE of a
 * version) and makes it live; a form with submissions is archived, never deleted.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const targets = () => getService(strapi, 'targets');
  const audit = () => cmsService(strapi, 'audit');
  const viewers = () => cmsService(strapi, 'viewer');

  /**
   * Two people publishing the same form at once both compute the same next number; the UNIQUE
   * index on (form, number) lets one win, and the other is told to look again.
   */
  async function createVersion(data: Record<string, unknown>): Promise<void> {
    try {
      await strapi.db.query(FORMS.version).create({ data });
    } catch (error) {
      const e = error as { code?: string; message?: string };
      if (e?.code === '23505' || /UNIQUE constraint failed/i.test(String(e?.message))) {
        throw new FormValidationError([
          formIssue(
            'publish_conflict',
            'draft',
            'someone else published this form just now; reload it',
            '其他人刚刚发布了此表单，请刷新后查看',
          ),
        ]);
      }
      throw error;
    }
  }

  async function submissionCount(formKey: string): Promise<number> {
    return strapi.db.query(FORMS.submission).count({ where: { formKey } });
  }

  return {
    submissionCount,

    /** Checks a create or update of a form's settings and draft; returns the data to write. */
    async prepare(
      action: 'create' | 'update',
      data: Record<string, unknown>,
      current: FormRow | null,
    ): Promise<Record<string, unknown>> {
      const issues: FormIssue[] = [];
      const say = (path: string, en: string, zh: string, code: FormsErrorCode = 'invalid_value') =>
        issues.push(formIssue(code, path, `${path}: ${en}`, `${path}：${zh}`));
      for (const computed of ['liveVersion', 'versions']) {
        if (computed in data)
          say(
            computed,
            'is set by publishing, not written directly',
            '由发布操作设置，不能直接修改',
            'computed_field',
          );
      }
      const next: Record<string, unknown> = { ...(current ?? {}), ...data };
      if ('slug' in data || action === 'create') {
        const slug = data.slug;
        if (typeof slug !== 'string' || !SLUG_PATTERN.test(slug)) {
          say(
            'slug',
            'use 1–60 lower-case letters, digits and dashes',
            '请使用1到60个小写字母、数字或连字符',
          );
        } else if (RESERVED_SLUGS.includes(slug)) {
          say('slug', `${slug} is reserved`, `${slug} 是保留字`);
        } else if (current && current.slug !== slug && current.liveVersion) {
          say(
            'slug',
            'a published form keeps its address (printed QR codes point at it)',
            '已发布的表单不能更改地址（已印制的二维码指向它）',
          );
        }
      }
      if (next.purpose && !(FORM_PURPOSES as readonly string[]).includes(next.purpose as string))
        say('purpose', 'is not a known purpose', '不是已知的用途');
      if (current?.liveVersion && 'purpose' in data && data.purpose !== current.purpose) {
        say('purpose', 'cannot change once the form is published', '表单发布后不能更改用途');
      }
      if (next.access && !(FORM_ACCESS as readonly string[]).includes(next.access as string))
        say('access', 'is not a known choice', '不是有效的选项');
      if (next.access === 'roles') {
        const roles = next.roles;
        if (
          !Array.isArray(roles) ||
          roles.length === 0 ||
          roles.some((r: unknown) => !ROLE_TYPES.includes(String(r)))
        ) {
          say(
            'roles',
            `list one or more of ${ROLE_TYPES.join(', ')}`,
            `请选择一个或多个角色：${ROLE_TYPES.join('、')}`,
          );
        }
      }
      if (
        next.opensAt &&
        next.closesAt &&
        new Date(next.opensAt as string) >= new Date(next.closesAt as string)
      ) {
        say(
          'closesAt',
          'must be after the opening time',
          '截止时间必须晚于开放时间',
          'dates_out_of_order',
        );
      }
      if (next.purpose === 'custom-fields') {
        if (!(CUSTOM_FIELD_TARGETS as readonly string[]).includes(next.appliesTo as string)) {
          say(
            'appliesTo',
            'choose the kind of record these fields extend',
            '请选择这些字段所扩展的记录类型',
            'required',
          );
        } else if (!next.archived) {
          const other: Pick<FormRow, 'name'> | null = await strapi.db.query(FORMS.form).findOne({
            where: {
              purpose: 'custom-fields',
              appliesTo: next.appliesTo,
              archived: false,
              ...(current && { id: { $ne: current.id } }),
            },
            select: ['name'],
          });
          if (other)
            say(
              'appliesTo',
              `already has custom fields (${other.name}); edit that form`,
              `已有自定义字段表单（${other.name}），请编辑该表单`,
              'unique',
            );
        }
      } else if (next.appliesTo) {
        say(
          'appliesTo',
          'only custom-field forms extend records',
          '只有自定义字段表单可以扩展记录',
        );
      }
      if (
        'settings' in data &&
        data.settings !== null &&
        (typeof data.settings !== 'object' || Array.isArray(data.settings))
      ) {
        say('settings', 'must be an object', '必须是对象');
      }
      if ('draft' in data && data.draft !== null) {
        issues.push(
          ...definitionIssues(data.draft).map((i) => ({
            ...i,
            path: i.path.replace(/^definition/, 'draft'),
          })),
        );
        if (
          next.purpose === 'custom-fields' &&
          Array.isArray((data.draft as { fields?: unknown } | undefined)?.fields)
        ) {
          if (allFields(data.draft as FormDefinition).some((f) => f?.kind === 'file')) {
            say('draft.fields', 'custom fields cannot be file uploads', '自定义字段不能是文件上传');
          }
        }
      }
      if (issues.length) throw new FormValidationError(issues);
      return data;
    },

    /** Refuses deleting a form that has submissions: archive it instead. */
    async assertDeletable(form: Pick<FormRow, 'documentId'>): Promise<void> {
      const n = await submissionCount(form.documentId);
      if (n > 0) {
        throw new FormValidationError([
          formIssue(
            'has_submissions',
            'id',
            `the form has ${n} submissions; archive it instead`,
            `该表单已有 ${n} 条提交记录，请改为归档`,
          ),
        ]);
      }
    },

    /** Freezes the draft into the next version and makes it live. */
    async publish(documentId: string): Promise<FormRow> {
      return strapi.db.transaction(async ({ trx }) => {
        // Two publishes of one form take turns on its row: the second then finds the draft
        // already published ("nothing to publish") instead of both numbering the same version.
        // PostgreSQL needs the row lock; SQLite has one writer, which serialises them already.
        if (strapi.db.dialect.client === 'postgres')
          await trx.raw('SELECT id FROM forms_forms WHERE document_id = ? FOR UPDATE', [
            documentId,
          ]);
        const form: FormRow | null = await strapi.db
          .query(FORMS.form)
          .findOne({ where: { documentId } });
        const viewer = await viewers().current();
        if (!form || viewer.kind === 'public')
          throw refusal('form_not_found', 'No such form', '没有这个表单');
        if (form.archived) {
          throw refusal(
            'publish_archived',
            'Restore the form from the archive before publishing',
            '请先取消归档再发布',
          );
        }
        if (!form.draft) {
          throw new FormValidationError([
            formIssue(
              'nothing_to_publish',
              'draft',
              'there is no draft to publish',
              '没有可发布的草稿',
            ),
          ]);
        }
        const definition = form.draft as FormDefinition;
        const issues = definitionIssues(definition).map((i) => ({
          ...i,
          path: i.path.replace(/^definition/, 'draft'),
        }));
        const target = targets().get(form.purpose);
        if (!issues.length && target) {
          // A target without its own check gets the standard one: its bound fields are there.
          issues.push(
            ...(target.definitionIssues
              ? await target.definitionIssues(definition, form.settings ?? {})
              : bindingIssues(definition, target.bindings)),
          );
        }
        if (issues.length) throw new FormValidationError(issues);
        const schema = toJsonSchema(definition, form.name);
        const problem = schemaCompileError(schema);
        if (problem) {
          throw new FormValidationError([
            formIssue(
              'invalid_definition',
              'draft',
              `the form cannot be compiled: ${problem}`,
              `表单无法编译：${problem}`,
            ),
          ]);
        }
        const last: Pick<VersionRow, 'number'> | null = await strapi.db
          .query(FORMS.version)
          .findOne({
            where: { formKey: documentId },
            orderBy: { number: 'desc' },
            select: ['number'],
          });
        const number = (last?.number ?? 0) + 1;
        const actor = viewers().actor();
        await createVersion({
          form: form.id,
          formKey: documentId,
          number,
          definition,
          schema,
          uiSchema: toUiSchema(definition),
          releasedAt: new Date(),
          releasedBy: actor.name ?? actor.type,
        });
        const updated: FormRow = await strapi.db.query(FORMS.form).update({
          where: { id: form.id },
          data: { liveVersion: number, draft: null },
        });
        await audit().record({
          contentType: FORMS.form,
          action: 'update',
          recordId: documentId,
          before: form,
          after: updated,
          actor,
        });
        return updated;
      });
    },

    /**
     * For other plugins (a grants round takes applications only on a grant-application form):
     * the purpose of the form with this documentId, null when there is no such form.
     */
    /** A form's purpose by its public slug (a case type names its intake form by the slug). */
    async purposeBySlug(slug: string): Promise<string | null> {
      if (typeof slug !== 'string') return null;
      const form: Pick<FormRow, 'purpose'> | null = await strapi.db
        .query(FORMS.form)
        .findOne({ where: { slug }, select: ['purpose'] });
      return form?.purpose ?? null;
    },

    async purposeOf(formDocumentId: string): Promise<string | null> {
      if (typeof formDocumentId !== 'string') return null;
      const form: Pick<FormRow, 'purpose'> | null = await strapi.db
        .query(FORMS.form)
        .findOne({ where: { documentId: formDocumentId }, select: ['purpose'] });
      return form?.purpose ?? null;
    },

    /**
     * For other plugins (a grants reviewer reads answers under the labels they were asked
     * with): the definitions of the published versions submissions were given on, one query for
     * all. Each submission names its version by `formKey` (the form's documentId) and `number`;
     * versions no submission names are not returned, and a pair with no version gets none.
     */
    async versionDefinitions(
      versions: { formKey: string; number: number }[],
    ): Promise<{ formKey: string; number: number; definition: FormDefinition }[]> {
      if (!versions.length) return [];
      const rows: Pick<VersionRow, 'formKey' | 'number' | 'definition'>[] = await strapi.db
        .query(FORMS.version)
        .findMany({
          where: {
            formKey: { $in: [...new Set(versions.map((v) => v.formKey))] },
            number: { $in: [...new Set(versions.map((v) => v.number))] },
          },
          select: ['formKey', 'number', 'definition'],
        });
      const wanted = new Set(versions.map((v) => `${v.formKey}#${v.number}`));
      return rows.filter((r) => wanted.has(`${r.formKey}#${r.number}`));
    },

    /** The published versions of a form with how many submissions each has. */
    async versionSummary(
      formKey: string,
    ): Promise<
      { number: number; releasedAt: string; releasedBy: string | null; submissions: number }[]
    > {
      const versions: { number: number; releasedAt: string; releasedBy: string | null }[] =
        await strapi.db.query(FORMS.version).findMany({
          where: { formKey },
          orderBy: { number: 'desc' },
          select: ['number', 'releasedAt', 'releasedBy'],
        });
      const counts = await strapi.db
        .connection('forms_submissions')
        .where('form_key', formKey)
        .groupBy('version_number')
        .select('version_number')
        .count({ n: '*' });
      const byNumber = new Map(
        counts.map((c: Record<string, unknown>) => [Number(c.version_number), Number(c.n)]),
      );
      return versions.map((v) => ({ ...v, submissions: byNumber.get(v.number) ?? 0 }));
    },
  };
};
