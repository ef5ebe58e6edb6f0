import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SUBMISSION_STATUSES } from './domain/fields';
import { formIssue, FormValidationError } from './domain/issues';
import { toFormsHttpError } from './services/http-errors';
import { CUSTOM_FIELD_UIDS, DOCUMENT_ID_PATTERN, FORMS } from './uids';
import type customFieldsFactory from './services/custom-fields';
import type definitionsFactory from './services/definitions';

/* eslint-disable @typescript-eslint/no-explicit-any -- Document Service params are untyped */

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const WRITES = new Set(['create', 'update', 'delete']);
const CUSTOM_FIELD_UID_SET = new Set(Object.values(CUSTOM_FIELD_UIDS));
/** Roles that own forms: they design them and read the submissions that name no place. */
export const FORM_OWNER_ROLES = ['foundation-staff', 'incubator'];

/**
 * Every Document Service call on the forms content types — and on cms records' custom fields —
 * passes through here, from REST, GraphQL and the admin panel alike:
 * - forms: settings and drafts checked; `liveVersion` only moves by publishing; a form with
 *   submissions cannot be deleted;
 * - versions: read-only (publishing writes them below the Document Service);
 * - submissions: created only by the public submission route; staff change status and note,
 *   never the answers; read within the viewer's scope;
 * - cms records: `customFields` validated against the live custom-field form, and custom-field
 *   filters rewritten to something the database can answer.
 */
export function registerFormsDocumentMiddleware(strapi: Core.Strapi): void {
  const viewers = () => strapi.plugin('cms').service('viewer') as any;
  const audit = () => strapi.plugin('cms').service('audit') as any;
  const kit = () => strapi.plugin('cms').service('kit') as any;
  const definitions = () =>
    strapi.plugin('forms').service('definitions') as ReturnType<typeof definitionsFactory>;
  const customFields = () =>
    strapi.plugin('forms').service('customFields') as ReturnType<typeof customFieldsFactory>;

  strapi.documents.use(async (context: any, next: () => Promise<unknown>) => {
    const { uid, action } = context;
    const params = (context.params ??= {});
    try {
      if (CUSTOM_FIELD_UID_SET.has(uid)) {
        if (READS.has(action) && params.filters) {
          params.filters = await customFields().rewriteFilters(uid, params.filters);
        }
        if (
          (action === 'create' || action === 'update') &&
          params.data &&
          'customFields' in params.data
        ) {
          const stored =
            action === 'update' && typeof params.documentId === 'string'
              ? ((
                  await strapi.db.query(uid).findOne({
                    where: { documentId: params.documentId },
                    select: ['customFields'] as any,
                  })
                )?.customFields ?? null)
              : null;
          params.data.customFields = await customFields().prepare(
            uid,
            params.data.customFields,
            stored,
          );
        }
        return await next();
      }
      if (uid !== FORMS.form && uid !== FORMS.version && uid !== FORMS.submission)
        return await next();

      const viewer = await viewers().current();
      if (READS.has(action)) {
        if (
          params.documentId !== undefined &&
          (typeof params.documentId !== 'string' || !DOCUMENT_ID_PATTERN.test(params.documentId))
        ) {
          throw new errors.NotFoundError('Not Found');
        }
        // Submissions are narrowed to the viewer's scope by the cms kit (register.ts).
        return await next();
      }
      if (!WRITES.has(action)) {
        if (viewer.kind !== 'global') throw new errors.ForbiddenError(`${action} is not available`);
        return await next();
      }
      if (uid === FORMS.version) {
        throw new errors.ForbiddenError(
          'Form versions are written by publishing a draft / 表单版本只能通过发布草稿生成',
        );
      }
      if (uid === FORMS.submission && action !== 'update') {
        throw new errors.ForbiddenError(
          action === 'create'
            ? 'Submissions come in through POST /api/forms/<slug>/submissions / 提交只能通过表单提交接口'
            : 'Submissions are kept; close or reject them instead / 提交记录不能删除，可将其关闭或驳回',
        );
      }
      return await strapi.db.transaction(async () => {
        const model = uid as any;
        const current =
          action === 'create'
            ? null
            : await strapi.db.query(model).findOne({ where: { documentId: params.documentId } });
        if (
          action !== 'create' &&
          (!current || (uid === FORMS.submission && !(await kit().mayReach(uid, current, viewer))))
        ) {
          throw new errors.NotFoundError('Not Found');
        }
        if (uid === FORMS.form) {
          if (action === 'delete') await definitions().assertDeletable(current);
          else params.data = await definitions().prepare(action, params.data ?? {}, current);
        } else {
          const data = params.data ?? {};
          const wrong = Object.keys(data).filter((k) => k !== 'status' && k !== 'statusNote');
          if (wrong.length) {
            throw new FormValidationError(
              wrong.map((k) =>
                formIssue(
                  'read_only',
                  k,
                  `${k}: a submission's answers never change; only status and note do`,
                  `${k}：提交内容不能修改，只能修改状态和备注`,
                ),
              ),
            );
          }
          if (
            'status' in data &&
            !(SUBMISSION_STATUSES as readonly string[]).includes(data.status)
          ) {
            throw new FormValidationError([
              formIssue(
                'invalid_value',
                'status',
                'status: not a known status',
                'status：不是有效的状态',
              ),
            ]);
          }
        }
        const result: any = await next();
        if (action === 'delete' && uid === FORMS.form) {
          await strapi.db
            .query(FORMS.version as any)
            .deleteMany({ where: { formKey: current.documentId } });
        }
        const documentId = action === 'create' ? result?.documentId : params.documentId;
        const saved =
          action === 'delete'
            ? null
            : await strapi.db.query(model).findOne({ where: { documentId } });
        await audit().record({
          contentType: uid,
          action,
          recordId: documentId,
          before: current,
          after: saved,
          actor: viewers().actor(),
        });
        return result;
      });
    } catch (error) {
      throw toFormsHttpError(error);
    }
  });
}
