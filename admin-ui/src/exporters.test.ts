// A list's CSV as a person reads it: headings in the user's language, yuan not fen, choices and
// yes/no in words, scores as 95.25, China's clock, related records by name, no internal key.
import englishMessages from 'ra-language-english';
import type { TranslateFunction } from 'react-admin';
import { enMessages, zhMessages } from './i18n/app-messages';
import { raChinese } from './i18n/ra-zh';
import {
  choiceCell,
  columnsOf,
  dateCell,
  labelledCsv,
  labelledTable,
  moneyCell,
  nameCell,
  scoreCell,
  yesNoCell,
} from './exporters';

// The exporter's hook and download need a browser; the table and its cells are what is tested.
// (react-admin's interface modules do not load under Node.)
jest.mock('react-admin', () => ({ downloadCSV: jest.fn(), useTranslate: jest.fn() }));

/** The console's messages looked up as Polyglot does: a missing key gives `_`, else the key. */
const translator =
  (phrases: object): TranslateFunction =>
  (key, options = {}) => {
    let node: unknown = phrases;
    for (const part of key.split('.'))
      node = typeof node === 'object' && node ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node !== 'string') return String(options._ ?? key);
    // "Person |||| People": the plural where smart_count asks for it.
    const forms = node.split(' |||| ');
    return (options.smart_count ?? 1) === 1 ? forms[0]! : (forms[1] ?? forms[0]!);
  };
const zh = translator({ ...raChinese, ...zhMessages });
const en = translator({ ...englishMessages, ...enMessages });

const INTERNAL = /documentId|TransferId|areaPath|^id$|\.|[A-Z][a-z]+[A-Z]/;

/** A disbursement as the data provider gives it (fen, UTC instants, codes, relation ids). */
const tranche = {
  id: 'd1',
  documentId: 'd1',
  award: { documentId: 'a1', name: '长者助餐' },
  number: 2,
  label: '第二期',
  amount: 1500000,
  dueOn: '2026-12-01',
  status: 'approved',
  approvedAt: '2026-11-30T16:30:00.000Z',
  pendingTransferId: 42,
  areaPath: '1.2.3',
};

const d = columnsOf('grants-disbursements');
const trancheColumns = [
  d.related('award'),
  d.number('number'),
  d.text('label'),
  d.money('amount'),
  d.date('dueOn'),
  d.choice('status', 'trancheStatus'),
  d.dateTime('approvedAt'),
];

describe('labelledTable', () => {
  test('headings are the field labels in the user language, never the record keys', () => {
    const chinese = labelledTable(trancheColumns, [tranche], zh).header;
    expect(chinese).toEqual(['立项项目', '期数', '款项', '金额', '计划日期', '状态', '审批时间']);
    const english = labelledTable(trancheColumns, [tranche], en).header;
    expect(english).toEqual([
      'Award',
      'Tranche',
      'Tranche',
      'Amount',
      'Due on',
      'Status',
      'Approved at',
    ]);
    for (const heading of [...chinese, ...english]) expect(heading).not.toMatch(INTERNAL);
  });

  test('cells read as the screen: yuan, choices by name, China time, names not ids', () => {
    const [row] = labelledTable(trancheColumns, [tranche], zh).rows;
    expect(row).toEqual([
      '长者助餐',
      2,
      '第二期',
      '15000.00',
      '2026-12-01',
      '已审批待支付',
      '2026-12-01 00:30:00',
    ]);
    const [english] = labelledTable(trancheColumns, [tranche], en).rows;
    expect(english?.[5]).toBe('Approved');
    // Nothing of the record's internals reaches the file.
    const csv = labelledCsv(trancheColumns, [tranche], zh);
    for (const internal of ['d1', 'a1', '1.2.3', '1500000', 'approved', 'T16:30'])
      expect(csv).not.toContain(internal);
  });

  test('the CSV starts with a byte-order mark and keeps amounts numbers', () => {
    const refund = { ...tranche, amount: -1200, label: '=HYPERLINK("x")' };
    const csv = labelledCsv(trancheColumns, [refund], zh);
    expect(csv.startsWith('\uFEFF立项项目,期数')).toBe(true);
    expect(csv).toContain(',-12.00,');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  test('empty values export as empty cells', () => {
    const [row] = labelledTable(trancheColumns, [{ id: 'x', status: null }], zh).rows;
    expect(row).toEqual(['', '', '', '', '', '', '']);
  });
});

describe('cells', () => {
  test('money: fen, as a number or digits, becomes yuan with two decimals', () => {
    expect(moneyCell(1500000)).toBe('15000.00');
    expect(moneyCell('1999')).toBe('19.99');
    expect(moneyCell(null)).toBe('');
    expect(moneyCell('abc')).toBe('');
  });

  test('choices by their translated names; an unknown value as it is', () => {
    expect(choiceCell(zh, 'organisationKind', 'social_organisation')).toBe('社会组织');
    expect(choiceCell(en, 'applicationStatus', 'under_review')).toBe('Under review');
    expect(choiceCell(zh, 'applicationStatus', 'something_new')).toBe('something_new');
    expect(choiceCell(zh, 'applicationStatus', null)).toBe('');
  });

  test('yes and no in words, unset left empty', () => {
    expect([yesNoCell(zh, true), yesNoCell(zh, false), yesNoCell(zh, null)]).toEqual([
      '是',
      '否',
      '',
    ]);
    expect([yesNoCell(en, true), yesNoCell(en, false)]).toEqual(['Yes', 'No']);
  });

  test('dates and times in China time, in the console form', () => {
    expect(dateCell('2026-03-01T17:30:00.000Z', true)).toBe('2026-03-02 01:30:00');
    expect(dateCell('2026-03-01T17:30:00.000Z')).toBe('2026-03-02');
    expect(dateCell('2026-03-01')).toBe('2026-03-01');
    expect(dateCell(null)).toBe('');
  });

  test('scores in hundredths as people read them; related records by name', () => {
    expect(scoreCell(9525)).toBe('95.25');
    expect(scoreCell(null)).toBe('');
    expect(nameCell({ documentId: 'abc', name: '幸福社区' })).toBe('幸福社区');
    expect(nameCell({ documentId: 'abc', title: '2026 春季' })).toBe('2026 春季');
    expect(nameCell({ documentId: 'abc' })).toBe('');
  });
});

describe('columns of the cms lists', () => {
  test('a person: tags as 是/否, the community by name, no area path', () => {
    const p = columnsOf('cms-people');
    const columns = [p.text('name'), p.related('community'), p.yesNo('isGridWorker')];
    const person = {
      id: 'p1',
      name: '王芳',
      community: { documentId: 'c1', name: '幸福社区' },
      isGridWorker: true,
      areaPath: '1.2',
    };
    expect(labelledTable(columns, [person], zh)).toEqual({
      header: ['姓名', '所属社区/村', '网格员'],
      kinds: ['text', 'text', 'text'],
      rows: [['王芳', '幸福社区', '是']],
    });
    expect(labelledTable(columns, [person], en).rows).toEqual([['王芳', '幸福社区', 'Yes']]);
  });
});
