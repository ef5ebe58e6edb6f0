// What the audit log stores for its readers: a record's name (money in yuan, exact) and the
// business operation a change was, derived from the fields that moved.
import {
  maskAnswers,
  operationOf,
  recordLabel,
  yuanText,
} from '../../cms/server/src/domain/audit-labels';

describe('audit labels', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [12345600, '¥123,456.00'],
    ['100000000000000001', '¥1,000,000,000,000,000.01'],
    [-250, '-¥2.50'],
    [null, ''],
    ['12.5', ''],
  ])('writes %p fen as %p', (fen, text) => {
    expect(yuanText(fen)).toBe(text);
  });

  it.each([
    [
      'plugin::grants.donation',
      { donorName: '丁兰', receiptNo: '2026-000001', amount: 10000 },
      null,
      '丁兰 · 2026-000001 · ¥100.00',
    ],
    ['plugin::grants.donation', { donorName: null, amount: '500' }, '某公司', '某公司 · ¥5.00'],
    ['plugin::grants.round', { title: '2026年微创投' }, null, '2026年微创投'],
    [
      'plugin::grants.disbursement',
      { label: '首期', amount: 6000 },
      '助餐项目',
      '助餐项目 · 首期 · ¥60.00',
    ],
    ['plugin::forms.form-version', { number: 3 }, '申报表', '申报表 · v3'],
    ['plugin::cms.person', { name: '张三', idNumber: '11010519491231002X' }, null, '张三'],
    ['plugin::other.thing', { title: '标题' }, null, '标题'],
  ])('names a %s', (uid, row, related, label) => {
    expect(recordLabel(uid, row, related)).toBe(label);
  });

  it.each([
    ['plugin::grants.donation', 'update', { status: 'pledged' }, { status: 'received' }, 'receive'],
    ['plugin::grants.donation', 'update', { status: 'received' }, { status: 'refunded' }, 'refund'],
    ['plugin::grants.donation', 'update', { note: 'a' }, { note: 'b' }, null],
    ['plugin::grants.round', 'update', { status: 'open' }, { status: 'reviewing' }, 'stage'],
    [
      'plugin::grants.application',
      'update',
      { status: 'under_review' },
      { status: 'approved' },
      'award',
    ],
    [
      'plugin::grants.application',
      'update',
      { status: 'submitted' },
      { status: 'more_info' },
      'ask_more',
    ],
    ['plugin::grants.review', 'update', { status: 'assigned' }, { status: 'submitted' }, 'review'],
    [
      'plugin::grants.disbursement',
      'update',
      { status: 'scheduled' },
      { status: 'approved' },
      'approve',
    ],
    ['plugin::grants.disbursement', 'update', { status: 'approved' }, { status: 'paid' }, 'pay'],
    ['plugin::grants.report', 'update', { status: 'submitted' }, { status: 'accepted' }, 'accept'],
    ['plugin::forms.form', 'update', { liveVersion: 1 }, { liveVersion: 2 }, 'publish'],
    ['plugin::cms.incubation', 'update', { stage: 'applied' }, { stage: 'assessing' }, 'move'],
    ['plugin::grants.award', 'create', null, { amount: 1 }, 'award'],
    ['plugin::cms.person', 'create', null, { name: 'x' }, null],
  ] as const)('calls a %s %s from %j to %j "%s"', (uid, action, before, after, op) => {
    expect(operationOf(uid, action, before, after)).toBe(op);
  });

  it('masks phone and ID numbers found in JSON answers, at any depth, and nothing else', () => {
    expect(
      maskAnswers({
        phone: '138 1234 5678',
        people: [{ idNumber: '11010519491231002x', name: '张三' }],
        amount: 13812345678,
        note: '电话13812345678',
      }),
    ).toEqual({
      phone: '138****5678',
      people: [{ idNumber: '110***********002x', name: '张三' }],
      amount: 13812345678,
      note: '电话13812345678',
    });
  });
});
