import type { Threshold } from '../../../plugins/consultation/server/src/domain/rules';

/** Floor area (hundredths of m²) as people read it: 640.00 m². */
export const areaText = (hundredths: number | null | undefined): string => {
  const n = Number(hundredths ?? 0);
  const whole = Math.trunc(n / 100);
  const cents = String(Math.abs(n % 100)).padStart(2, '0');
  return `${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents} m²`;
};

/** A share in words: 2/3 (66.67 %). */
export const shareText = (t: Threshold, zh = true): string => {
  const pct = ((t.num / t.den) * 100).toFixed(2).replace(/\.?0+$/, '');
  if (t.den === 100) return `${pct}%`;
  return zh ? `${t.num}/${t.den}（${pct}%）` : `${t.num}/${t.den} (${pct}%)`;
};

/** The percentage of a part (for bars), 0 when the whole is empty. */
export const percent = (part: number, whole: number): number =>
  whole > 0 ? Math.min(100, (part / whole) * 100) : 0;

/**
 * A share typed as 2/3, 75% or 66.67%, as an exact fraction: a percentage keeps its
 * decimals as written (66.67% is 6667/10000, not 2/3). Null for anything else; undefined when empty.
 */
export function parseShare(text: string): { num: number; den: number } | null | undefined {
  const s = text.trim().replace(/％/g, '%').replace(/\s/g, '');
  if (s === '') return undefined;
  const frac = /^(\d{1,6})\/(\d{1,6})$/.exec(s);
  if (frac) {
    const num = Number(frac[1]);
    const den = Number(frac[2]);
    return den > 0 ? { num, den } : null;
  }
  const pct = /^(\d{1,3})(?:\.(\d{1,4}))?%$/.exec(s);
  if (pct) {
    const decimals = pct[2] ?? '';
    const den = 100 * 10 ** decimals.length;
    return { num: Number(`${pct[1]}${decimals}`), den };
  }
  return null;
}
