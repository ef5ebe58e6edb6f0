/**
 * Money is entered in yuan and stored in fen, as an integer. The conversion works on the decimal
 * text, never through floating point: "19.99" is 1999 fen, and "0.1" + "0.2" never appears.
 */
const YUAN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Fen for a yuan amount written as text or as a number with at most two decimals; else null. */
export function yuanToFen(input: unknown): number | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    text = String(input);
    if (/e/i.test(text)) return null;
  } else if (typeof input === 'string') {
    text = input
      .trim()
      .replace(/[,，\s]/g, '')
      .replace(/^[¥￥]/, '');
  } else {
    return null;
  }
  const m = YUAN.exec(text);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return m[1] ? -fen : fen;
}

/** "1,234.50" style yuan text for an amount in fen. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}
