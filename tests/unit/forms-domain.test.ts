// The forms rule book without Strapi: every field kind and rule, conditions, repeating groups,
// money in fen, definitions that must be refused, the compiled JSON Schema agreeing with the
// validator (checked by Ajv on random answers), receipt codes and the export table.
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import * as chinaClock from '../../cms/server/src/domain/china-time';
import { readXlsx } from '../helpers/sheets';
import {
  creditCodeCheckCharacter,
  isValidCreditCode,
} from '../../cms/server/src/domain/credit-code';
import { idNumberCheckCharacter, isValidIdNumber } from '../../cms/server/src/domain/id-number';
import { definitionIssues } from '../../plugins/forms/server/src/domain/definition';
import { submissionsTable, toCsv } from '../../plugins/forms/server/src/domain/export-table';
import type { FieldDef, FormDefinition } from '../../plugins/forms/server/src/domain/fields';
import { toJsonSchema, toUiSchema } from '../../plugins/forms/server/src/domain/json-schema';
import { fenToYuan, yuanToFen } from '../../plugins/forms/server/src/domain/money';
import {
  normaliseReceiptCode,
  receiptCode,
  RECEIPT_PATTERN,
} from '../../plugins/forms/server/src/domain/receipt';
import { validateSubmission } from '../../plugins/forms/server/src/domain/validate';
import { toXlsx } from '../../plugins/forms/server/src/domain/xlsx';

const checks = { isValidIdNumber, isValidCreditCode };
const one = (field: Partial<FieldDef> & { kind: FieldDef['kind'] }, value: unknown) => {
  const def: FormDefinition = {
    fields: [{ key: 'f', label: { zh: '字段', en: 'Field' }, ...field } as FieldDef],
  };
  const r = validateSubmission(def, value === undefined ? {} : { f: value }, checks);
  return { ok: r.issues.length === 0, value: r.value.f, issues: r.issues };
};
const ID = (() => {
  const body = '11010519491231002';
  return body + idNumberCheckCharacter(body);
})();
const CREDIT = (() => {
  const body = '91350100M000100Y4';
  return body + creditCodeCheckCharacter(body);
})();

describe('money', () => {
  it('converts yuan text to fen without floating point', () => {
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('¥1,234.5')).toBe(123450);
    expect(yuanToFen(12.3)).toBe(1230);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen(1e21)).toBeNull();
    expect(fenToYuan(123450)).toBe('1234.50');
  });
  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => yuanToFen(fenToYuan(fen)) === fen),
    );
  });
});

describe('field kinds', () => {
  it('text and long text: trimmed, length in characters, pattern', () => {
    expect(one({ kind: 'text' }, '  王芳 ')).toMatchObject({ ok: true, value: '王芳' });
    expect(one({ kind: 'text', maxLength: 2 }, '王小芳').issues[0]?.code).toBe('too_long');
    expect(one({ kind: 'text', minLength: 3 }, '王芳').issues[0]?.code).toBe('too_short');
    expect(one({ kind: 'text', pattern: '[A-Z]{2}\\d+' }, 'AB12').ok).toBe(true);
    expect(one({ kind: 'text', pattern: '[A-Z]{2}\\d+' }, 'AB12x').issues[0]?.code).toBe('pattern');
    expect(one({ kind: 'text' }, 'x'.repeat(201)).ok).toBe(false);
    expect(one({ kind: 'textarea' }, 'x'.repeat(4000)).ok).toBe(true);
    expect(one({ kind: 'text' }, { no: 1 }).ok).toBe(false);
  });
  it('integer, number and rating: bounds', () => {
    expect(one({ kind: 'integer', min: 0, max: 10 }, '7')).toMatchObject({ ok: true, value: 7 });
    expect(one({ kind: 'integer' }, 1.5).ok).toBe(false);
    expect(one({ kind: 'integer', min: 0 }, -1).issues[0]?.code).toBe('too_small');
    expect(one({ kind: 'number', max: 1 }, '0.5')).toMatchObject({ ok: true, value: 0.5 });
    expect(one({ kind: 'number', max: 1 }, 1.5).issues[0]?.code).toBe('too_large');
    expect(one({ kind: 'rating', max: 5 }, 5).ok).toBe(true);
    expect(one({ kind: 'rating', max: 5 }, 6).ok).toBe(false);
    expect(one({ kind: 'rating' }, 0).ok).toBe(false);
  });
  it('money: entered in yuan, stored in fen, bounds in fen, never negative by default', () => {
    expect(one({ kind: 'money' }, '250.5')).toMatchObject({ ok: true, value: 25050 });
    expect(one({ kind: 'money', max: 10000 }, '100.01').issues[0]?.message).toBe(
      'Field: must be at most ¥100.00',
    );
    expect(one({ kind: 'money' }, '-1').ok).toBe(false);
    expect(one({ kind: 'money' }, '1.005').ok).toBe(false);
  });
  it('date and date-time: real calendar dates, bounds', () => {
    expect(one({ kind: 'date' }, '2024-02-29').ok).toBe(true);
    expect(one({ kind: 'date' }, '2023-02-29').ok).toBe(false);
    expect(one({ kind: 'date', min: '2026-01-01' }, '2025-12-31').issues[0]?.code).toBe(
      'too_small',
    );
    expect(one({ kind: 'datetime' }, '2026-11-21T09:30').ok).toBe(true);
    expect(one({ kind: 'datetime' }, '2026-11-21T09:30:00+08:00').ok).toBe(true);
    expect(one({ kind: 'datetime' }, '2026-13-01T09:30').ok).toBe(false);
  });
  it('single and multiple choice, yes/no', () => {
    const options = [
      { value: 'a', label: { zh: '甲' } },
      { value: 'b', label: { zh: '乙' } },
    ];
    expect(one({ kind: 'choice', options }, 'a').ok).toBe(true);
    expect(one({ kind: 'choice', options }, 'z').ok).toBe(false);
    expect(one({ kind: 'multichoice', options, maxItems: 1 }, ['a']).ok).toBe(true);
    expect(one({ kind: 'multichoice', options, maxItems: 1 }, ['a', 'b']).issues[0]?.code).toBe(
      'too_many',
    );
    expect(one({ kind: 'multichoice', options }, ['a', 'a']).ok).toBe(false);
    expect(one({ kind: 'multichoice', options }, 'a').ok).toBe(false);
    expect(one({ kind: 'boolean' }, false)).toMatchObject({ ok: true, value: false });
    expect(one({ kind: 'boolean' }, 'true')).toMatchObject({ ok: true, value: true });
    expect(one({ kind: 'boolean' }, 'yes').ok).toBe(false);
  });
  it('mobile, email, resident ID number and credit code, with their check characters', () => {
    expect(one({ kind: 'mobile' }, '+86 138-0013-8000')).toMatchObject({
      ok: true,
      value: '13800138000',
    });
    expect(one({ kind: 'mobile' }, '12800138000').ok).toBe(false);
    expect(one({ kind: 'email' }, 'wang@example.cn').ok).toBe(true);
    expect(one({ kind: 'email' }, 'wang@').ok).toBe(false);
    expect(one({ kind: 'idNumber' }, ID.toLowerCase())).toMatchObject({ ok: true, value: ID });
    const wrongCheck = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    expect(one({ kind: 'idNumber' }, wrongCheck).issues[0]?.messageZh).toMatch(/校验码不符/);
    expect(one({ kind: 'idNumber' }, '1234').ok).toBe(false);
    expect(one({ kind: 'creditCode' }, CREDIT.toLowerCase())).toMatchObject({
      ok: true,
      value: CREDIT,
    });
    const wrongCredit = CREDIT.slice(0, 17) + (CREDIT[17] === '0' ? '1' : '0');
    expect(one({ kind: 'creditCode' }, wrongCredit).ok).toBe(false);
  });
  it('area, person and organisation: document ids, left for the server to look up', () => {
    const def: FormDefinition = {
      fields: [{ key: 'a', kind: 'area', label: { zh: '区域' }, areaRoot: 'r'.repeat(24) }],
    };
    const r = validateSubmission(def, { a: 'x'.repeat(24) }, checks);
    expect(r.issues).toEqual([]);
    expect(r.references).toMatchObject([{ kind: 'area', id: 'x'.repeat(24), path: 'a' }]);
    expect(one({ kind: 'person' }, 'not-an-id').ok).toBe(false);
  });
  it('files: count, type and size limits', () => {
    const field = {
      kind: 'file' as const,
      accept: ['image/*', 'application/pdf'],
      maxBytes: 1000,
      maxItems: 2,
    };
    expect(one(field, [{ id: 1, mime: 'image/png', size: 10 }]).ok).toBe(true);
    expect(one(field, [{ id: 1, mime: 'text/html', size: 10 }]).issues[0]?.code).toBe('file_type');
    expect(one(field, [{ id: 1, mime: 'application/pdf', size: 5000 }]).issues[0]?.code).toBe(
      'file_size',
    );
    expect(one(field, [1, 2, 3]).issues[0]?.code).toBe('too_many');
    expect(one(field, [{ id: -1 }]).ok).toBe(false);
  });
  it('required, and unknown keys refused', () => {
    expect(one({ kind: 'text', required: true }, '  ').issues[0]).toMatchObject({
      code: 'required',
      messageZh: '字段：此项为必填项',
    });
    const r = validateSubmission({ fields: [] }, { extra: 1 }, checks);
    expect(r.issues[0]?.code).toBe('unknown_field');
    expect(validateSubmission({ fields: [] }, [], checks).issues[0]?.code).toBe('invalid_type');
  });
});

describe('conditions and repeating groups', () => {
  const def: FormDefinition = {
    fields: [
      {
        key: 'kind',
        kind: 'choice',
        label: { zh: '类型' },
        options: [
          { value: 'a', label: { zh: '甲' } },
          { value: 'b', label: { zh: '乙' } },
        ],
      },
      {
        key: 'why',
        kind: 'text',
        label: { zh: '原因' },
        showIf: { field: 'kind', values: ['b'] },
        required: true,
      },
      { key: 'hasKids', kind: 'boolean', label: { zh: '有子女' } },
      {
        key: 'kids',
        kind: 'integer',
        label: { zh: '子女数' },
        requireIf: { field: 'hasKids', values: [true] },
      },
      {
        key: 'members',
        kind: 'group',
        label: { zh: '成员' },
        required: true,
        minItems: 1,
        maxItems: 2,
        fields: [
          { key: 'name', kind: 'text', label: { zh: '姓名' }, required: true },
          { key: 'elder', kind: 'boolean', label: { zh: '老人' } },
          {
            key: 'care',
            kind: 'text',
            label: { zh: '照护需求' },
            showIf: { field: 'elder', values: [true] },
            required: true,
          },
        ],
      },
    ],
  };
  const run = (data: Record<string, unknown>) => validateSubmission(def, data, checks);

  it('shows and requires a field only when another has the given value; hidden answers are dropped', () => {
    expect(run({ kind: 'a', why: 'ignored', members: [{ name: 'x' }] })).toMatchObject({
      issues: [],
      value: { kind: 'a' },
    });
    expect(run({ kind: 'b', members: [{ name: 'x' }] }).issues.map((i) => i.path)).toEqual(['why']);
    expect(
      run({ kind: 'a', hasKids: true, members: [{ name: 'x' }] }).issues.map((i) => i.path),
    ).toEqual(['kids']);
    expect(run({ kind: 'a', hasKids: false, members: [{ name: 'x' }] }).issues).toEqual([]);
  });
  it('validates each entry of a group with its own conditions and paths', () => {
    const r = run({
      members: [
        { name: 'x', elder: true },
        { elder: false, care: 'dropped' },
      ],
    });
    expect(r.issues.map((i) => i.path)).toEqual(['members.0.care', 'members.1.name']);
    const ok = run({ members: [{ name: 'x', elder: false, care: 'dropped' }] });
    expect(ok.value.members).toEqual([{ name: 'x', elder: false }]);
    expect(run({ members: [] }).issues[0]?.code).toBe('required');
    expect(run({ members: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }).issues[0]?.code).toBe(
      'too_many',
    );
  });

  it('agrees with its own compiled JSON Schema on random answers (Ajv, draft 2020-12)', () => {
    expect(definitionIssues(def)).toEqual([]);
    const validate = new Ajv2020({ strict: false }).compile(toJsonSchema(def, 't'));
    const answers = fc.record(
      {
        kind: fc.constantFrom('a', 'b', 'c'),
        why: fc.constantFrom('because', ''),
        hasKids: fc.boolean(),
        kids: fc.integer({ min: -2, max: 3 }),
        members: fc.array(
          fc.record(
            {
              name: fc.constantFrom('王', ''),
              elder: fc.boolean(),
              care: fc.constantFrom('护理', ''),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answers, (data) => {
        const r = validateSubmission(def, data, checks);
        // Whatever the validator accepts, normalised, the schema accepts too.
        if (r.issues.length === 0) expect(validate(r.value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('definitions', () => {
  it('accepts a full definition and compiles it', () => {
    const def: FormDefinition = {
      sections: [{ key: 's', title: { zh: '基本信息', en: 'Basics' } }],
      fields: [
        { key: 'name', kind: 'text', label: { zh: '姓名' }, section: 's', required: true },
        { key: 'rating', kind: 'rating', label: { zh: '评分' }, max: 10 },
      ],
    };
    expect(definitionIssues(def)).toEqual([]);
    const ui = toUiSchema(def);
    expect(ui['ui:order']).toEqual(['name', 'rating']);
    expect((ui.name as Record<string, unknown>)['ui:section']).toBe('s');
    expect(toJsonSchema(def, 'x').required).toEqual(['name']);
  });
  it('refuses what would break validation, with each problem’s path', () => {
    const paths = (d: unknown) => definitionIssues(d).map((i) => i.path);
    expect(paths({})).toEqual(['definition']);
    expect(paths({ fields: [] })).toEqual(['definition.fields']);
    expect(paths({ fields: [{ key: 'Bad', kind: 'text', label: { zh: 'x' } }] })).toEqual([
      'definition.fields.0.key',
    ]);
    expect(paths({ fields: [{ key: 'a', kind: 'text', label: { en: 'only English' } }] })).toEqual([
      'definition.fields.0.label',
    ]);
    expect(
      paths({ fields: [{ key: 'a', kind: 'text', label: { zh: 'x' }, colour: 'red' }] }),
    ).toEqual(['definition.fields.0.colour']);
    expect(
      paths({ fields: [{ key: 'a', kind: 'integer', label: { zh: 'x' }, min: 'one' }] }),
    ).toEqual(['definition.fields.0.min']);
    expect(
      paths({ fields: [{ key: 'a', kind: 'text', label: { zh: 'x' }, section: 'nope' }] }),
    ).toEqual(['definition.fields.0.section']);
    expect(
      paths({
        fields: [
          {
            key: 'g',
            kind: 'group',
            label: { zh: 'x' },
            fields: [
              {
                key: 'h',
                kind: 'group',
                label: { zh: 'y' },
                fields: [{ key: 'i', kind: 'text', label: { zh: 'z' } }],
              },
            ],
          },
        ],
      }),
    ).toEqual(['definition.fields.0.fields.0.kind']);
    expect(
      paths({
        fields: [
          {
            key: 'c',
            kind: 'choice',
            label: { zh: 'x' },
            options: [{ value: 'a', label: { zh: '甲' } }],
          },
          { key: 'd', kind: 'text', label: { zh: 'y' }, showIf: { field: 'c', values: ['zz'] } },
        ],
      }),
    ).toEqual(['definition.fields.1.showIf.values']);
    expect(
      paths({ fields: [{ key: 'f', kind: 'file', label: { zh: 'x' }, accept: ['exe'] }] }),
    ).toEqual(['definition.fields.0.accept']);
  });
});

describe('receipts and export', () => {
  it('draws receipt codes from an alphabet without look-alikes and reads them back leniently', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = receiptCode(bytes);
        expect(code).toMatch(RECEIPT_PATTERN);
        expect(normaliseReceiptCode(code.toLowerCase().replace('-', ' '))).toBe(code);
      }),
    );
    expect(normaliseReceiptCode('O0000-00000')).toBeNull();
  });
  it('exports each answer under its own version’s label, removed fields included', async () => {
    const v1: FormDefinition = {
      fields: [
        { key: 'old', kind: 'text', label: { zh: '旧问题', en: 'Old' } },
        { key: 'amt', kind: 'money', label: { zh: '金额' } },
      ],
    };
    const v2: FormDefinition = {
      fields: [
        { key: 'amt', kind: 'money', label: { zh: '金额（元）' } },
        { key: 'ok', kind: 'boolean', label: { zh: '同意' } },
      ],
    };
    const table = submissionsTable(
      new Map([
        [1, v1],
        [2, v2],
      ]),
      [
        {
          receiptCode: 'AAAAA-BBBBB',
          versionNumber: 1,
          status: 'received',
          createdAt: 't1',
          data: { old: '=cmd()', amt: 150 },
        },
        {
          receiptCode: 'CCCCC-DDDDD',
          versionNumber: 2,
          status: 'closed',
          createdAt: 't2',
          data: { amt: 99, ok: true },
        },
      ],
      'zh',
    );
    expect(table.header.slice(5)).toEqual(['金额（元）', '同意', '旧问题']);
    // Money stays fen in the table; the writers turn it into yuan.
    expect(table.rows[0]?.slice(5)).toEqual([150, '', '=cmd()']);
    expect(table.rows[1]?.slice(5)).toEqual([99, '是', '']);
    const csv = toCsv(table, chinaClock);
    expect(csv).toContain(",'=cmd()");
    expect(csv).toContain(',0.99,是,');
    const book = await readXlsx(await toXlsx([{ ...table, name: '表单' }], chinaClock));
    const sheet = book.getWorksheet('表单');
    expect(sheet?.getRow(1).getCell(6).value).toBe('金额（元）');
    expect(sheet?.getRow(2).getCell(6).value).toBe(1.5);
    expect(sheet?.getRow(2).getCell(6).numFmt).toBe('¥#,##0.00');
  });
});
