/**
 * Property units (房屋), their owners' shares and the households living in them: the pure rules,
 * shared by the server and the console (the edit form checks shares with the same code).
 * Areas are integers in hundredths of a square metre; shares are exact fractions (BigInt), so
 * 1/3 + 2/3 is exactly one and 0.1 + 0.2 never enters the picture.
 */

export const USAGES = ['residential', 'commercial', 'garage', 'other'] as const;
export type Usage = (typeof USAGES)[number];

const USAGE_NAMES: Record<string, Usage> = {
  residential: 'residential',
  住宅: 'residential',
  commercial: 'commercial',
  商业: 'commercial',
  商铺: 'commercial',
  garage: 'garage',
  车库: 'garage',
  车位: 'garage',
  other: 'other',
  其他: 'other',
};

/** A problem with one field, in both languages (the server maps them to Strapi's 400). */
export interface FieldIssue {
  path: string;
  message: string;
  messageZh: string;
}

export interface Share {
  numerator: number;
  denominator: number;
}

/** Shares are stored as integers > 0 with numerator ≤ denominator; this bounds them. */
export const MAX_SHARE_DENOMINATOR = 1_000_000;

/** An area as the sheet writes it ("89.5", "120", "75.25") → hundredths of a m², exactly. */
export function parseArea(text: string): number | null {
  const t = text.trim();
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const whole = Number(m[1]);
  const fraction = Number(((m[2] ?? '') + '00').slice(0, 2));
  const value = whole * 100 + fraction;
  return value > 0 ? value : null;
}

/** Hundredths of a m² → "89.50" (no floating point: integer division and a padded remainder). */
export function formatArea(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "1/2", "2/3", "1" → a share; null when it is not a fraction in (0, 1]. */
export function parseShare(text: string): Share | null {
  const t = text.trim();
  if (t === '1') return { numerator: 1, denominator: 1 };
  const m = /^(\d{1,7})\s*\/\s*(\d{1,7})$/.exec(t);
  if (!m) return null;
  const numerator = Number(m[1]);
  const denominator = Number(m[2]);
  if (numerator < 1 || denominator < 1 || numerator > denominator) return null;
  if (denominator > MAX_SHARE_DENOMINATOR) return null;
  return { numerator, denominator };
}

/** Whether the shares add up to exactly one (rational arithmetic, no rounding). */
export function sharesSumToOne(shares: readonly Share[]): boolean {
  if (shares.length === 0) return false;
  let num = 0n;
  let den = 1n;
  for (const s of shares) {
    if (!validShare(s)) return false;
    const n = BigInt(s.numerator);
    const d = BigInt(s.denominator);
    num = num * d + n * den;
    den = den * d;
  }
  return num === den;
}

const validShare = (s: Share): boolean =>
  Number.isSafeInteger(s.numerator) &&
  Number.isSafeInteger(s.denominator) &&
  s.numerator >= 1 &&
  s.denominator >= 1 &&
  s.numerator <= s.denominator &&
  s.denominator <= MAX_SHARE_DENOMINATOR;

/**
 * The issues of a room's owners' shares: each share a fraction in (0, 1]; together exactly one.
 * A sum that misses is reported on the last owner (`owners[1].share`), where a person fixing it
 * types.
 */
export function shareIssues(shares: readonly Share[], path = 'owners'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  shares.forEach((s, i) => {
    if (!validShare(s))
      issues.push({
        path: `${path}[${i}].share`,
        message: `${path}[${i}].share: a share must be a fraction between 0 and 1, such as 1/2`,
        messageZh: `${path}[${i}].share：份额必须是 0 到 1 之间的分数，例如 1/2`,
      });
  });
  if (issues.length || shares.length === 0) return issues;
  if (!sharesSumToOne(shares)) {
    const last = shares.length - 1;
    issues.push({
      path: `${path}[${last}].share`,
      message: `${path}[${last}].share: the owners' shares must add up to exactly 1`,
      messageZh: `${path}[${last}].share：产权人份额之和必须恰好等于 1`,
    });
  }
  return issues;
}

/** n equal shares that add up to one (1/3 each for three owners). */
export const equalShares = (n: number): Share[] =>
  Array.from({ length: n }, () => ({ numerator: 1, denominator: n }));

/** An owner's part of a room's area: floor(area × numerator / denominator), exactly. */
export const ownedArea = (floorArea: number, share: Share): number =>
  Number((BigInt(floorArea) * BigInt(share.numerator)) / BigInt(share.denominator));

/** "3栋2单元501" (no unit: "3栋501"): how a room is named on a ballot or a list. */
export function roomLabel(
  building: string,
  unitNo: string | null | undefined,
  room: string,
): string {
  return `${building}栋${unitNo ? `${unitNo}单元` : ''}${room}`;
}

/** The key that makes a room unique within the database (compound, building, unit, room). */
export const roomKey = (
  compoundId: number,
  building: string,
  unitNo: string | null | undefined,
  room: string,
): string => `${compoundId}|${building}|${unitNo ?? ''}|${room}`;

/** Several names or phones in one cell: "张三、李四" or "张三;李四". */
export const splitList = (text: string): string[] =>
  text
    .split(/[、;；,，]/)
    .map((s) => s.trim())
    .filter(Boolean);

export const normalisePhone = (phone: string): string => phone.replace(/[\s-]/g, '');
export const isMobile = (phone: string): boolean => /^1[3-9]\d{9}$/.test(phone);

/** The import's columns: Chinese headers first, English accepted too. */
export const IMPORT_COLUMNS = [
  { key: 'building', zh: '楼栋', en: ['building'] },
  { key: 'unit', zh: '单元', en: ['unit', 'unitno'] },
  { key: 'room', zh: '房号', en: ['room'] },
  { key: 'area', zh: '建筑面积(㎡)', en: ['area', 'floorarea', '建筑面积', '建筑面积（㎡）'] },
  { key: 'usage', zh: '用途', en: ['usage'] },
  { key: 'owners', zh: '产权人', en: ['owners', 'owner'] },
  { key: 'ownerPhones', zh: '产权人电话', en: ['ownerphones', 'owner phones', 'ownerphone'] },
  { key: 'shares', zh: '份额', en: ['shares', 'share'] },
  { key: 'head', zh: '户主', en: ['head'] },
  { key: 'headPhone', zh: '户主电话', en: ['headphone', 'head phone'] },
  { key: 'members', zh: '家庭成员', en: ['members'] },
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]['key'];

/** The example row of the template (and of the README). */
export const TEMPLATE_EXAMPLE: Record<ImportColumn, string> = {
  building: '3',
  unit: '2',
  room: '501',
  area: '89.50',
  usage: '住宅',
  owners: '张伟、李娜',
  ownerPhones: '13800000001、13800000002',
  shares: '1/2;1/2',
  head: '张伟',
  headPhone: '13800000001',
  members: '李娜:13800000002;张小明:',
};

/** A header cell → its column ("建筑面积(㎡)", "Area", "floor area" …), or null. */
export function columnOf(header: string): ImportColumn | null {
  const h = header.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const c of IMPORT_COLUMNS) {
    if (h === c.zh.toLowerCase()) return c.key;
    if ((c.en as readonly string[]).some((e) => e === h || e === h.replace(/ /g, ''))) return c.key;
  }
  if (h.startsWith('建筑面积')) return 'area';
  return null;
}

export interface PersonInput {
  name: string;
  phone: string | null;
}

/** One row of a room list, parsed. */
export interface ImportRecord {
  building: string;
  unitNo: string;
  room: string;
  floorArea: number;
  usage: Usage;
  owners: (PersonInput & Share)[];
  head: PersonInput | null;
  members: PersonInput[];
}

export interface RowIssue {
  row: number;
  column: string;
  message: string;
  messageZh: string;
}

const COLUMN_ZH = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.zh])) as Record<
  ImportColumn,
  string
>;

/**
 * One spreadsheet row (cells by column) → a record, or the problems with it, each naming the row
 * (as the spreadsheet numbers it) and the column.
 */
export function parseImportRow(
  cells: Partial<Record<ImportColumn, string>>,
  row: number,
): { record: ImportRecord | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const get = (k: ImportColumn) => String(cells[k] ?? '').trim();
  const bad = (column: ImportColumn, message: string, messageZh: string) =>
    issues.push({ row, column, message, messageZh: `${COLUMN_ZH[column]}：${messageZh}` });

  const building = get('building');
  const unitNo = get('unit');
  const room = get('room');
  if (!building) bad('building', 'building is required', '必填');
  else if (building.length > 20)
    bad('building', 'building: at most 20 characters', '不能超过 20 个字符');
  if (unitNo.length > 20) bad('unit', 'unit: at most 20 characters', '不能超过 20 个字符');
  if (!room) bad('room', 'room is required', '必填');
  else if (room.length > 20) bad('room', 'room: at most 20 characters', '不能超过 20 个字符');

  const areaText = get('area');
  const floorArea = parseArea(areaText);
  if (floorArea === null)
    bad(
      'area',
      `area: "${areaText}" is not a positive number of m² with at most 2 decimals`,
      `“${areaText}”不是大于 0、最多两位小数的平方米数`,
    );

  const usageText = get('usage');
  const usage = usageText ? USAGE_NAMES[usageText.toLowerCase()] : 'residential';
  if (!usage)
    bad(
      'usage',
      `usage: unknown "${usageText}"`,
      `未知用途“${usageText}”（住宅、商业、车库、其他）`,
    );

  const ownerNames = splitList(get('owners'));
  const ownerPhones = splitList(get('ownerPhones')).map(normalisePhone);
  const shareTexts = get('shares')
    ? get('shares')
        .split(/[;；,，、]/)
        .map((s) => s.trim())
    : [];
  const owners: (PersonInput & Share)[] = [];
  if (ownerPhones.length !== ownerNames.length)
    bad(
      'ownerPhones',
      `ownerPhones: ${ownerNames.length} owners but ${ownerPhones.length} phones`,
      `${ownerNames.length} 位产权人，却有 ${ownerPhones.length} 个电话`,
    );
  for (const p of ownerPhones)
    if (!isMobile(p))
      bad('ownerPhones', `ownerPhones: "${p}" is not a mobile number`, `“${p}”不是手机号`);
  let shares: (Share | null)[] = [];
  if (ownerNames.length) {
    if (shareTexts.length === 0) shares = equalShares(ownerNames.length);
    else if (shareTexts.length !== ownerNames.length)
      bad(
        'shares',
        `shares: ${ownerNames.length} owners but ${shareTexts.length} shares`,
        `${ownerNames.length} 位产权人，却有 ${shareTexts.length} 个份额`,
      );
    else shares = shareTexts.map(parseShare);
    if (shares.some((s) => s === null))
      bad(
        'shares',
        'shares: each share must be a fraction such as 1/2',
        '份额必须是分数，例如 1/2',
      );
    else if (shares.length && !sharesSumToOne(shares as Share[]))
      bad(
        'shares',
        "shares: the owners' shares must add up to exactly 1",
        '产权人份额之和必须恰好等于 1',
      );
  } else if (shareTexts.length)
    bad('owners', 'owners: shares given without owners', '有份额却没有产权人');
  ownerNames.forEach((name, i) => {
    if (name.length > 100)
      bad('owners', 'owners: a name is at most 100 characters', '姓名不能超过 100 个字符');
    const share = shares[i];
    if (share) owners.push({ name, phone: ownerPhones[i] ?? null, ...share });
  });

  const headName = get('head');
  const headPhone = normalisePhone(get('headPhone'));
  let head: PersonInput | null = null;
  if (headName) {
    if (!isMobile(headPhone))
      bad(
        'headPhone',
        `headPhone: "${headPhone}" is not a mobile number`,
        `“${headPhone}”不是手机号`,
      );
    head = { name: headName, phone: headPhone };
  } else if (headPhone) bad('head', 'head: a phone without a name', '有电话却没有户主姓名');

  const members: PersonInput[] = [];
  for (const part of get('members')
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = '', phone = ''] = part.split(/[:：]/).map((s) => s.trim());
    const p = normalisePhone(phone);
    if (!name) bad('members', `members: "${part}" has no name`, `“${part}”缺少姓名`);
    else if (p && !isMobile(p))
      bad('members', `members: "${p}" is not a mobile number`, `“${p}”不是手机号`);
    else members.push({ name, phone: p || null });
  }
  if (members.length && !head)
    bad('head', 'head: members given without a head', '有家庭成员却没有户主');
  if (members.length > 30) bad('members', 'members: at most 30', '最多 30 人');

  if (issues.length || floorArea === null || !usage) return { record: null, issues };
  return {
    record: { building, unitNo, room, floorArea, usage, owners, head, members },
    issues,
  };
}

/** A header row → the column each position holds (unknown headers ignored). */
export function columnsOf(headers: readonly string[]): (ImportColumn | null)[] {
  return headers.map((h) => columnOf(String(h ?? '')));
}
