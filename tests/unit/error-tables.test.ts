// Each plugin's error table covers its codes with an HTTP status a client can act on, and the cms
// kit's one mapper answers field issues at their table's status and keeps another plugin's
// refusal status (a ledger 409 stays 409), naming the field the caller's request concerns.
import { errors } from '@strapi/utils';
import { issuesStatus, issuesToHttp, toHttpError } from '../../cms/server/src/errors';
import { CMS_ERRORS, DomainError, issue } from '../../cms/server/src/domain/errors';
import { FORMS_ERRORS } from '../../plugins/forms/server/src/domain/errors';
import { refusal } from '../../plugins/forms/server/src/services/http-errors';
import { CASES_ERRORS } from '../../plugins/cases/server/src/domain/errors';
import { GRANTS_ERRORS } from '../../plugins/grants/server/src/domain/errors';
import { TIME_BANK_ERRORS } from '../../plugins/time-bank/server/src/domain/errors';
import { LEDGER_ERRORS, LedgerError } from '../../plugins/ledger/server/src/domain/errors';

const statusOf = (error: unknown): unknown => (error as { status?: unknown }).status;
const detailsOf = (error: unknown) =>
  (error as { details: { code?: string; errors: { path: string[]; code: string }[] } }).details;

describe('error tables', () => {
  const tables: [string, Record<string, number>][] = [
    ['cms', CMS_ERRORS],
    ['forms', FORMS_ERRORS],
    ['grants', GRANTS_ERRORS],
    ['time-bank', TIME_BANK_ERRORS],
    ['cases', CASES_ERRORS],
    [
      'ledger',
      Object.fromEntries(Object.entries(LEDGER_ERRORS).map(([code, [status]]) => [code, status])),
    ],
  ];

  it.each(tables)('%s: every code is snake_case with a 4xx status', (_name, table) => {
    expect(Object.keys(table).length).toBeGreaterThan(0);
    for (const [code, status] of Object.entries(table)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(Number.isInteger(status)).toBe(true);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
  });

  it('cms: field problems answer 400 today, as the API tests expect', () => {
    expect(new Set(Object.values(CMS_ERRORS))).toEqual(new Set([400]));
  });
});

describe('forms refusals', () => {
  it('answer the status their code has in FORMS_ERRORS, with the code and Chinese', () => {
    const closed = refusal('form_closed', 'closed', '已截止');
    expect(closed).toBeInstanceOf(errors.ForbiddenError);
    expect((closed as errors.ForbiddenError).details).toEqual({
      code: 'form_closed',
      messageZh: '已截止',
    });
    expect(refusal('form_not_found', 'no', '无')).toBeInstanceOf(errors.NotFoundError);
    expect(refusal('sign_in_required', 'in', '登录')).toBeInstanceOf(errors.UnauthorizedError);
    expect(refusal('rate_limited', 'slow', '慢')).toBeInstanceOf(errors.RateLimitError);
    const archived = refusal('publish_archived', 'restore', '恢复');
    expect(archived).toBeInstanceOf(errors.ApplicationError);
    expect(archived).not.toBeInstanceOf(errors.ValidationError);
  });
});

describe('the one mapper', () => {
  it('answers the status the issues share, 400 when mixed or unknown', () => {
    const table = { a: 409, b: 409, c: 404 };
    expect(issuesStatus([{ code: 'a' }, { code: 'b' }], table)).toBe(409);
    expect(issuesStatus([{ code: 'a' }, { code: 'c' }], table)).toBe(400);
    expect(issuesStatus([{ code: 'z' }], table)).toBe(400);
  });

  it('turns a cms DomainError into a 400 naming each field', () => {
    const error = toHttpError(
      new DomainError([issue('phone_invalid', 'contact.phone', 'bad phone', '电话不正确')]),
    );
    expect(error).toBeInstanceOf(errors.ValidationError);
    expect(detailsOf(error).errors).toEqual([
      {
        path: ['contact', 'phone'],
        message: 'bad phone',
        messageZh: '电话不正确',
        name: 'ValidationError',
        code: 'phone_invalid',
      },
    ]);
  });

  it('answers issues in the language asked for, with messageEn beside', () => {
    const issues = [
      { code: 'x', path: 'name', message: 'name: required', messageZh: 'name：必填' },
    ];
    const error = issuesToHttp(issues, {}, { lang: 'zh' }) as errors.ValidationError;
    expect(error.message).toBe('name：必填');
    expect(detailsOf(error).errors[0]).toMatchObject({
      message: 'name：必填',
      messageEn: 'name: required',
      messageZh: 'name：必填',
    });
    const plain = issuesToHttp(issues, {}) as errors.ValidationError;
    expect(detailsOf(plain).errors[0]).not.toHaveProperty('messageEn');
  });

  it('keeps a ledger 409 a 409 and names the caller’s field', () => {
    const error = toHttpError(new LedgerError('exceeds_credits'), {}, 'award.amount');
    expect(statusOf(error)).toBe(409);
    expect(detailsOf(error).code).toBe('exceeds_credits');
    expect(detailsOf(error).errors[0]).toMatchObject({
      path: ['award', 'amount'],
      code: 'exceeds_credits',
    });
  });

  it('keeps a ledger 404 a 404', () => {
    const error = toHttpError(new LedgerError('account_not_found'), {}, 'fund');
    expect(error).toBeInstanceOf(errors.NotFoundError);
    expect(detailsOf(error).errors[0]?.path).toEqual(['fund']);
  });
});
