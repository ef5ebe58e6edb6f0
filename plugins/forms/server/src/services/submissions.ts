import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { allFields, type FormDefinition } from '../domain/fields';
import type { FormsErrorCode } from '../domain/errors';
import { formIssue, type FormIssue } from '../domain/issues';
import { normaliseReceiptCode, receiptCode } from '../domain/receipt';
import {
  mimeAccepted,
  validateSubmission,
  type IdentifierChecks,
  type Reference,
} from '../domain/validate';
import type { FormRow, SubmissionRow, VersionRow } from '../rows';
import { FORMS, USER_UID } from '../uids';
import { refusal, validationError } from './http-errors';
import { schemaErrors } from './schema-check';
import { cmsService, getService } from '../utils';

export type Lang = 'zh' | 'en';

export interface Submitter {
  userId: number | null;
  username: string | null;
  role: string;
  clientKey: string;
}

/** Where a form stands for someone about to fill it in. */
export type FormState = 'open' | 'not-yet-open' | 'closed' | 'archived' | 'unpublished';

export function formState(form: FormRow, now = new Date()): FormState {
  if (form.archived) return 'archived';
  if (!form.liveVersion) return 'unpublished';
  if (form.opensAt && new Date(form.opensAt) > now) return 'not-yet-open';
  if (form.closesAt && new Date(form.closesAt) <= now) return 'closed';
  return 'open';
}

const STATE_REFUSALS: Record<Exclude<FormState, 'open'>, [FormsErrorCode, string, string]> = {
  archived: [
    'form_archived',
    'This form has been archived and no longer accepts submissions',
    '该表单已归档，不再接受提交',
  ],
  unpublished: ['form_unpublished', 'This form has not been published yet', '该表单尚未发布'],
  'not-yet-open': ['form_not_yet_open', 'This form is not open yet', '该表单尚未开放填写'],
  closed: [
    'form_closed',
    'This form is closed and no longer accepts submissions',
    '该表单已截止，不再接受提交',
  ],
};

/** A file in Strapi's upload plugin, as far as an attachment check reads it. */
interface UploadedFile {
  id: number;
  name: string;
  mime: string;
  /** in KB, rounded */
  size: number | string;
  caption?: string | null;
}

/** A user with their role's type. */
interface UserRow {
  id: number;
  username: string;
  role?: { type: string } | null;
}

/**
 * Strapi's request context as it behaves: `run(undefined, fn)` runs `fn` outside any request
 * and returns what `fn` returns (its published type asks for a Koa context and returns void).
 */
interface ContextRunner {
  run<T>(store: undefined, callback: () => Promise<T>): Promise<T>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rateLimit = () => getService(strapi, 'rateLimit');
  const targets = () => getService(strapi, 'targets');
  const checks = (): IdentifierChecks => cmsService(strapi, 'identifiers');
  // cms records are read through its directory, never its tables.
  const directory = () => cmsService(strapi, 'directory');

  async function loadForm(slug: string): Promise<FormRow | null> {
    if (typeof slug !== 'string' || slug.length > 60) return null;
    return strapi.db.query(FORMS.form).findOne({ where: { slug } });
  }

  async function loadVersion(formKey: string, number: number): Promise<VersionRow | null> {
    return strapi.db.query(FORMS.version).findOne({ where: { formKey, number } });
  }

  /**
   * Answers that point at records or files: do they exist, and are they allowed here? A
   * custom-field value belongs to no form (`documentId: null`).
   */
  async function referenceIssues(
    form: { documentId: string | null },
    refs: Reference[],
  ): Promise<FormIssue[]> {
    const issues: FormIssue[] = [];
    const say = (ref: Reference, en: string, zh: string, code: FormsErrorCode) =>
      issues.push(
        formIssue(
          code,
          ref.path,
          `${ref.field.label.en || ref.field.label.zh}: ${en}`,
          `${ref.field.label.zh}：${zh}`,
        ),
      );
    for (const ref of refs) {
      if (ref.kind === 'file') {
        const file: UploadedFile | null = await strapi.db.query('plugin::upload.file').findOne({
          where: { id: ref.id },
          select: ['id', 'name', 'mime', 'size', 'caption'],
        });
        // Only files uploaded through this form, for this field, may be attached.
        const prefix = `${uploadCaption(String(form.documentId), ref.field.key)}:`;
        if (!file || typeof file.caption !== 'string' || !file.caption.startsWith(prefix)) {
          say(
            ref,
            'the file was not found; upload it again',
            '找不到该文件，请重新上传',
            'file_not_found',
          );
          continue;
        }
        // Strapi stores sizes in KB, rounded; the exact byte count was noted at upload.
        const bytes =
          Number(file.caption.slice(prefix.length)) || Math.round(Number(file.size) * 1024);
        if (ref.field.accept?.length && !mimeAccepted(file.mime, ref.field.accept)) {
          say(
            ref,
            `files of type ${file.mime} are not accepted`,
            `不接受 ${file.mime} 类型的文件`,
            'file_type',
          );
        } else if (ref.field.maxBytes && bytes > ref.field.maxBytes) {
          say(ref, 'the file is too large', '文件过大', 'file_size');
        }
        Object.assign(ref.file as object, { name: file.name, mime: file.mime, size: bytes });
        continue;
      }
      const area = ref.kind === 'area' ? await directory().area(String(ref.id)) : null;
      const found =
        ref.kind === 'area' ? area !== null : await directory().exists(ref.kind, String(ref.id));
      if (!found) {
        say(ref, 'the chosen record does not exist', '所选记录不存在', 'reference_not_found');
        continue;
      }
      if (area && ref.field.areaRoot) {
        const root = await directory().area(ref.field.areaRoot);
        // Materialised paths end with their separator (/510114/510114001/), so a prefix is a subtree.
        if (!root || !String(area.path).startsWith(root.path as string)) {
          say(
            ref,
            'choose an area inside the one this form covers',
            '请选择本表单所覆盖区域内的地点',
            'area_outside',
          );
        }
      }
    }
    return issues;
  }

  /** The area a submission belongs to, for scoping: its first area answer. */
  async function submissionAreaPath(refs: Reference[]): Promise<string | null> {
    const area = refs.find((r) => r.kind === 'area');
    if (!area) return null;
    const row = await directory().area(String(area.id));
    return row?.path ?? null;
  }

  async function checkAccess(form: FormRow, submitter: Submitter, lang: Lang): Promise<void> {
    if (form.access === 'anyone') return;
    if (!submitter.userId) {
      throw refusal('sign_in_required', 'Sign in to fill in this form', '请先登录再填写此表单');
    }
    if (form.access === 'roles') {
      const roles: string[] = Array.isArray(form.roles) ? form.roles : [];
      if (!roles.includes(submitter.role)) {
        throw refusal(
          'role_not_allowed',
          'Your role may not fill in this form',
          '您的角色不能填写此表单',
        );
      }
    }
    void lang;
  }

  return {
    formState,
    referenceIssues,

    /** What the public page needs to render a form: its settings and live version. */
    async publicForm(slug: string): Promise<Record<string, unknown>> {
      const form = await loadForm(slug);
      if (!form || form.purpose === 'custom-fields') {
        throw refusal('form_not_found', 'No such form', '没有这个表单');
      }
      // An open form whose target takes nothing now (a grant round closed) says so up front.
      const notAccepting =
        formState(form) === 'open'
          ? ((await targets().get(form.purpose)?.accepting?.(form)) ?? null)
          : null;
      const state = notAccepting ? 'not-accepting' : formState(form);
      const version = form.liveVersion
        ? await loadVersion(form.documentId, form.liveVersion)
        : null;
      return {
        slug: form.slug,
        name: form.name,
        nameEn: form.nameEn,
        description: form.description,
        descriptionEn: form.descriptionEn,
        purpose: form.purpose,
        access: form.access,
        opensAt: form.opensAt,
        closesAt: form.closesAt,
        state,
        stateMessage: notAccepting,
        version: version?.number ?? null,
        definition: version?.definition ?? null,
      };
    },

    /**
     * Validates and stores one submission, and runs the form's target, in one transaction.
     * Refusals: 404 no form, 403 closed/archived/role, 401 sign-in needed, 429 too many,
     * 400 field by field in the submitter's language. Nothing is stored unless all is well.
     */
    async submit(
      slug: string,
      body: unknown,
      submitter: Submitter,
      lang: Lang,
    ): Promise<Record<string, unknown>> {
      const form = await loadForm(slug);
      if (!form || form.purpose === 'custom-fields') {
        throw refusal('form_not_found', 'No such form', '没有这个表单');
      }
      const { allowed, retryAfter } = await rateLimit().hit(
        `submit:${form.id}:${submitter.clientKey}`,
      );
      if (!allowed) {
        throw refusal(
          'rate_limited',
          `Too many submissions from this device; try again in ${Math.ceil(retryAfter / 60)} minutes`,
          `提交过于频繁，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`,
        );
      }
      const state = formState(form);
      if (state !== 'open') {
        throw refusal(...STATE_REFUSALS[state]);
      }
      await checkAccess(form, submitter, lang);

      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw validationError(
          strapi,
          [
            formIssue(
              'invalid_type',
              'data',
              'send { data: { … }, version }',
              '提交内容格式不正确',
            ),
          ],
          lang,
        );
      }
      const { version: asked, data } = body as { version?: unknown; data?: unknown };
      const number = asked === undefined || asked === null ? form.liveVersion : asked;
      const version = Number.isSafeInteger(number)
        ? await loadVersion(form.documentId, number as number)
        : null;
      if (!version) {
        throw validationError(
          strapi,
          [
            formIssue(
              'unknown_version',
              'version',
              'this form has no such version; reload the page',
              '表单版本不存在，请刷新页面',
            ),
          ],
          lang,
        );
      }
      if (version.number !== form.liveVersion) {
        // Someone who opened the page before a new version was published may still send the
        // old one for a while; after that, an old (perhaps laxer) version is refused.
        const next: Pick<VersionRow, 'releasedAt'> | null = await strapi.db
          .query(FORMS.version)
          .findOne({
            where: { formKey: form.documentId, number: version.number + 1 },
            select: ['releasedAt'],
          });
        const graceHours = Number(strapi.plugin('forms').config('versionGraceHours') ?? 24);
        if (!next || Date.now() - new Date(next.releasedAt).getTime() > graceHours * 3600 * 1000) {
          throw validationError(
            strapi,
            [
              formIssue(
                'version_superseded',
                'version',
                'this form has changed since the page was opened; reload it and fill it in again',
                '表单已更新，请刷新页面后重新填写',
              ),
            ],
            lang,
          );
        }
      }
      const definition = version.definition as FormDefinition;
      const result = validateSubmission(definition, data, checks());
      const issues = [...result.issues];
      if (issues.length === 0) issues.push(...(await referenceIssues(form, result.references)));
      if (issues.length) throw validationError(strapi, issues, lang);

      const schemaProblems = schemaErrors(
        `${form.documentId}:${version.number}`,
        version.schema,
        result.value,
      );
      if (schemaProblems.length) {
        strapi.log.error(
          `forms: ${form.slug} v${version.number} answers pass the validator but not the schema: ${schemaProblems.join('; ')}`,
        );
        throw validationError(
          strapi,
          [
            formIssue(
              'schema_mismatch',
              'data',
              `the answers do not match the form's schema (${schemaProblems[0]})`,
              '提交内容与表单结构不符',
            ),
          ],
          lang,
        );
      }
      const areaPath = await submissionAreaPath(result.references);
      const target = targets().get(form.purpose);

      return strapi.db.transaction(async () => {
        let submission: SubmissionRow | null = null;
        for (let attempt = 0; !submission; attempt += 1) {
          const code = receiptCode(crypto.randomBytes(10));
          try {
            submission = await strapi.db.query(FORMS.submission).create({
              data: {
                form: form.id,
                formKey: form.documentId,
                versionNumber: version.number,
                data: result.value,
                receiptCode: code,
                status: 'received',
                language: lang,
                submitterId: submitter.userId,
                submitterName: submitter.username,
                areaPath,
                clientKey: submitter.clientKey,
              },
            });
          } catch (error) {
            // A receipt code collision (about one in 10^15): draw another.
            if (
              attempt < 3 &&
              /unique|23505/i.test(
                String((error as { code?: unknown } | null)?.code ?? (error as Error).message),
              )
            )
              continue;
            throw error;
          }
        }
        let created: { uid: string; documentId: string; label?: string } | null = null;
        if (target) {
          try {
            // Outside the request's context, the cms plugin acts as the system: the public may
            // not create organisations, but a valid application does.
            const { id, documentId, receiptCode } = submission;
            created = await (strapi.requestContext as unknown as ContextRunner).run(undefined, () =>
              target.onSubmit({
                form,
                versionNumber: version.number,
                definition,
                data: result.value,
                submission: { id, documentId, receiptCode, submitterId: submitter.userId ?? null },
              }),
            );
          } catch (error) {
            throw remapTargetError(strapi, error, target.fieldOf, lang, definition);
          }
          await strapi.db.query(FORMS.submission).update({
            where: { id: submission.id },
            data: { target: created },
          });
        }
        return {
          receiptCode: submission.receiptCode,
          status: submission.status,
          submittedAt: submission.createdAt,
          version: version.number,
          target: created,
        };
      });
    },

    /** What an anonymous submitter may learn from their receipt code: status, not answers. */
    async receipt(code: string): Promise<Record<string, unknown>> {
      const normalised = typeof code === 'string' ? normaliseReceiptCode(code) : null;
      const row: SubmissionRow | null = normalised
        ? await strapi.db.query(FORMS.submission).findOne({
            where: { receiptCode: normalised },
            select: [
              'receiptCode',
              'status',
              'statusNote',
              'createdAt',
              'updatedAt',
              'versionNumber',
            ],
            populate: { form: { select: ['name', 'nameEn', 'slug', 'purpose'] } },
          })
        : null;
      if (!row)
        throw refusal(
          'receipt_not_found',
          'No submission has this receipt code',
          '没有与此回执码对应的提交',
        );
      return {
        receiptCode: row.receiptCode,
        status: row.status,
        statusNote: row.statusNote ?? null,
        submittedAt: row.createdAt,
        updatedAt: row.updatedAt,
        form: row.form
          ? // The purpose tells the phone page whether the code also opens an applicant's page
            // (a grant application), so it asks the grants plugin only then.
            {
              name: row.form.name,
              nameEn: row.form.nameEn,
              slug: row.form.slug,
              purpose: row.form.purpose,
            }
          : null,
      };
    },

    /** Who is submitting: the signed-in user (if any) and a salted hash of the client address. */
    async submitter(ctx: Context): Promise<Submitter> {
      const salt = String(
        strapi.config.get('admin.auth.secret', '') || strapi.config.get('server.app.keys', ''),
      );
      const clientKey = crypto
        .createHash('sha256')
        .update(`${salt}:${ctx.request.ip}`)
        .digest('hex')
        .slice(0, 32);
      const user = ctx.state.user as { id: number } | undefined;
      if (!user) return { userId: null, username: null, role: 'public', clientKey };
      const row: UserRow | null = await strapi.db.query(USER_UID).findOne({
        where: { id: user.id },
        select: ['id', 'username'],
        populate: { role: { select: ['type'] } },
      });
      return {
        userId: row?.id ?? null,
        username: row?.username ?? null,
        role: row?.role?.type ?? 'public',
        clientKey,
      };
    },

    loadForm,
    loadVersion,
  };
};

/**
 * Files uploaded for a form are marked with this caption (followed by `:<bytes>`), and only
 * those may be attached to its submissions.
 */
export const uploadCaption = (formKey: string, fieldKey: string) => `forms:${formKey}:${fieldKey}`;

/** One field problem in a Strapi ValidationError's details, as the cms plugin words it. */
interface ErrorItem {
  path?: unknown;
  code?: string;
  message: string;
  messageZh?: string;
}

/**
 * A message without the key a plugin put before it ("requestedAmount：…" is for API clients),
 * and with the form field's label instead, as forms words its own ("申请金额：…").
 */
function relabel(message: string, key: string, label: string | undefined, sep: string): string {
  let text = message;
  for (const prefix of [`${key}：`, `${key}: `])
    if (text.startsWith(prefix)) text = text.slice(prefix.length);
  return label ? `${label}${sep}${text}` : text;
}

/** A target's refusal (e.g. the cms saying a credit code is taken) answered on the form's field. */
function remapTargetError(
  strapi: Core.Strapi,
  error: unknown,
  fieldOf: ((path: string) => string) | undefined,
  lang: Lang,
  definition?: FormDefinition,
): unknown {
  const e = error as { name?: unknown; details?: { errors?: unknown } } | null | undefined;
  const items = e?.details?.errors;
  if (e?.name !== 'ValidationError' || !Array.isArray(items)) return error;
  const fields = definition ? allFields(definition) : [];
  // The target's own code is kept (e.g. the cms's `unique`): it is that plugin's, not forms'.
  const issues = (items as ErrorItem[]).map((item) => {
    const original = Array.isArray(item.path) ? item.path.join('.') : String(item.path ?? 'data');
    const path = fieldOf ? fieldOf(original) : original;
    const field = fields.find((f) => f.key === path.split('.')[0]);
    const zh = item.messageZh ?? item.message;
    return {
      code: item.code ?? 'invalid_value',
      path,
      message: relabel(item.message, original, field && (field.label.en || field.label.zh), ': '),
      messageZh: relabel(zh, original, field?.label.zh, '：'),
    };
  });
  return validationError(strapi, issues, lang);
}
