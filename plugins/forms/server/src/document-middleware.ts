import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SUBMISSION_STATUSES } from './domain/fields';
import { formIssue, FormValidationError } from './domain/issues';
import { toFormsHttpError } from './services/http-errors';
import { CUSTOM_FIELD_UIDS, DOCUMENT_ID_PATTERN, FORMS } from './uids';
import type { FormRow } from './rows';
import { cmsService, getService } from './utils';

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const WRITES = new Set(['create', 'update', 'delete']);
const CUSTOM_FIELD_UID_SET = new Set(Object.values(CUSTOM_FIELD_UIDS));
/** Roles that own forms: they design them and read the submissions that name no place. */
export const FORM_OWNER_ROLES = ['foundation-staff', 'incubator'];

/** A Document Service call as this middleware reads it (Strapi types calls per known UID only). */
interface DocumentCall {
  uid: string;
  action: string;
  params?: {
    documentId?: unknown;
    filters?: unknown;
    data?: Record<string, unknown>;
  };
}

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
  const viewers = () => cmsService(strapi, 'viewer');
  const audit = () => cmsService(strapi, 'audit');
  const kit = () => cmsService(strapi, 'kit');
  const definitions = () => getService(strapi, 'definitions');
  const customFields = () => getService(strapi, 'customFields');

  strapi.documents.use(async (call, next) => {
    const context = call as DocumentCall;
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
                    select: ['customFields'],
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
        const current: Modules.Documents.AnyDocument | null =
          action === 'create'
            ? null
            : await strapi.db.query(uid).findOne({ where: { documentId: params.documentId } });
        if (
          action !== 'create' &&
          (!current || (uid === FORMS.submission && !(await kit().mayReach(uid, current, viewer))))
        ) {
          throw new errors.NotFoundError('Not Found');
        }
        if (uid === FORMS.form) {
          const form = current as FormRow | null;
          if (action === 'delete')
            await definitions().assertDeletable(form as FormRow); // found above
          else
            params.data = await definitions().prepare(
              action as 'create' | 'update',
              params.data ?? {},
              form,
            );
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
            !(SUBMISSION_STATUSES as readonly string[]).includes(data.status as string)
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
        const result = await next();
        if (action === 'delete' && uid === FORMS.form) {
          await strapi.db
            .query(FORMS.version)
            .deleteMany({ where: { formKey: (current as FormRow).documentId } });
        }
        const documentId =
          action === 'create'
            ? (result as { documentId?: string } | null)?.documentId
            : params.documentId;
        const saved =
          action === 'delete'
            ? null
            : await strapi.db.query(uid).findOne({ where: { documentId } });
        await audit().record({
          contentType: uid,
          action: action as 'create' | 'update' | 'delete',
          recordId: documentId as string,
          before: current,
          after: saved,
          actor: viewers().actor(),
        });
        return result;
      });
    } catch (error) {
      throw toFormsHttpError(strapi, error);
    }
  });
}
