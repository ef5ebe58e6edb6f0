/**
 * An amount in Chinese capital numerals (大写金额), as receipts and cheques write it:
 * ¥1,009,800.00 → 壹佰万零玖仟捌佰元整; ¥100.05 → 壹佰元零伍分; ¥0.50 → 伍角整.
 * From fen, an integer: no floating point anywhere.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

/** A group of up to four digits (0–9999); `leadingZero` when a higher group came before it. */
function group(n: number, leadingZero: boolean): string {
  let out = '';
  let zero = leadingZero;
  for (let place = 3; place >= 0; place -= 1) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      if (out || leadingZero) zero = true;
      continue;
    }
    if (zero && (out || leadingZero)) out += '零';
    zero = false;
    out += DIGITS[d] + (PLACES[place] as string);
  }
  return out;
}

export function chineseCapital(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new Error('chineseCapital: a non-negative integer of fen');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let head = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
    for (let i = groups.length - 1; i >= 0; i -= 1) {
      const g = groups[i] as number;
      const higher = i < groups.length - 1;
      if (g === 0) continue;
      // A zero where zeros stand between two non-zero digits across the group boundary
      // (壹佰万零玖仟捌佰 for 1,009,800): this group is below a thousand, or the group above
      // ends in zero (or was skipped altogether).
      const gap = higher && (g < 1000 || (groups[i + 1] as number) % 10 === 0);
      head += (gap && !head.endsWith('零') ? '零' : '') + group(g, false) + (GROUPS[i] as string);
    }
    head += '元';
  }
  if (jiao === 0 && cents === 0) return yuan > 0 ? `${head}整` : '零元整';
  let tail = '';
  if (jiao > 0) tail += `${DIGITS[jiao]}角`;
  else if (yuan > 0) tail += '零';
  if (cents > 0) tail += `${DIGITS[cents]}分`;
  else tail += '整';
  return head + tail;
}
