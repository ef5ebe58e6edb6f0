// How an audit entry's values read: lists kept as JSON one line per item with labelled keys and
// translated values, a round's stage bookkeeping in words, moments in China time.
import { enMessages, zhMessages } from '../i18n/app-messages';
import {
  actorText,
  definitionLines,
  itemLines,
  jsonText,
  scalarText,
  shownFields,
  type Translate,
} from './describe';

/** The console's messages looked up as Polyglot does: a missing key gives `_`, %{x} filled. */
const translator =
  (phrases: object): Translate =>
  (key, options = {}) => {
    let node: unknown = phrases;
    for (const part of key.split('.'))
      node = typeof node === 'object' && node ? (node as Record<string, unknown>)[part] : undefined;
    const text = typeof node === 'string' ? node : String(options._ ?? key);
    return text.replace(/%\{(\w+)\}/g, (_, name: string) => String(options[name] ?? ''));
  };
const zh = translator(zhMessages);
const en = translator(enMessages);

const milestones = [
  { date: '2026-12-31', title: '完成章程制定', status: 'planned' },
  { date: '2026-06-30', title: '招募志愿者', status: 'achieved', achievedOn: '2026-06-20' },
];

describe('audit values', () => {
  it('writes milestones one line per item, keys labelled and the status translated', () => {
    expect(itemLines('milestones', milestones, zh)).toEqual([
      '计划日期：2026-12-31；里程碑：完成章程制定；状态：计划中',
      '计划日期：2026-06-30；里程碑：招募志愿者；状态：已达成；达成日期：2026-06-20',
    ]);
    expect(itemLines('milestones', milestones, en)?.[0]).toBe(
      'Planned for: 2026-12-31; Milestone: 完成章程制定; Status: Planned',
    );
  });

  it('writes assessments with their scores and result', () => {
    const lines = itemLines(
      'assessments',
      [{ date: '2026-05-01', assessor: '李明', governance: 80, finance: 75, result: 'passed' }],
      zh,
    );
    expect(lines).toEqual([
      '评估日期：2026-05-01；评估人：李明；内部治理：80；财务管理：75；评估结论：通过',
    ]);
  });

  it('labels keys of other flat lists and never shows a raw key it can label', () => {
    expect(itemLines('scores', [{ score: 90, done: true }], zh)).toEqual(['得分：90；已完成：是']);
  });

  it('leaves other shapes to indented JSON', () => {
    const nested = [{ a: { b: 1 } }];
    expect(itemLines('definition', nested, zh)).toBeNull();
    expect(itemLines('tags', ['a', 'b'], zh)).toBeNull();
    expect(jsonText(nested)).toContain('\n');
  });

  it('writes a round stage move in words and its time in China time', () => {
    expect(scalarText('stageMove', 'advance', zh)).toBe('推进到下一阶段');
    expect(scalarText('stageMove', 'undo', en)).toBe('Last move undone');
    // 02:31 UTC is 10:31 in Beijing, in the console's one date form.
    expect(scalarText('stageChangedAt', '2026-11-30T02:31:05.000Z', zh)).toBe(
      '2026-11-30 10:31:05',
    );
    expect(scalarText('archived', false, zh)).toBe('否');
    expect(scalarText('title', '轮次', zh)).toBe('轮次');
  });

  it('labels the stage bookkeeping and hides the timeline', () => {
    expect(zh('audit.fields.stageChangedAt')).toBe('阶段变更时间');
    expect(zh('audit.fields.stageMove')).toBe('变更方式');
    expect(shownFields(['status', 'timeline', 'stageMove'])).toEqual(['status', 'stageMove']);
  });

  it('names the system in words, never by its internal type', () => {
    expect(actorText('system', zh)).toBe('系统');
    expect(actorText(null, en)).toBe('System');
    expect(actorText('王芳', zh)).toBe('王芳');
  });
});

describe('a form definition in the log', () => {
  const draft = {
    fields: [
      { key: 'name', kind: 'text', label: { zh: '姓名', en: 'Name' } },
      { key: 'area', kind: 'area', label: { zh: '所在社区', en: 'Community' }, areaRoot: 'x' },
    ],
    sections: [],
  };
  it('reads as its fields by their labels, not as JSON', () => {
    // Polyglot's plural forms are not split by this test's translator: only the zh text is exact.
    expect(definitionLines(draft, zh, 'zh')).toEqual(['共 2 个字段：', '姓名', '所在社区']);
    expect(definitionLines(draft, en, 'en')?.slice(1)).toEqual(['Name', 'Community']);
    expect(definitionLines({ theme: 'x' }, zh, 'zh')).toBeNull();
  });
});
