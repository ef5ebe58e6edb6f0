/**
 * Dates in one unambiguous form in both languages, ISO-shaped and in China time (the district's
 * clock, whatever the browser's): 2026-11-30, and 2026-11-30 14:05:00 with the time. Never the
 * US m/d/yyyy that Chromium's default locale gives. `sv-SE` is asked for its ISO-shaped output
 * (year-month-day with dashes, 24-hour time), not for Swedish; it names no month or weekday, so
 * nothing of the language shows through.
 */
export const DATE_LOCALE = 'sv-SE';
export const TIME_ZONE = 'Asia/Shanghai';

/**
 * react-admin's DateField defaults (set once in the layout's theme): only the time zone, so a
 * field's `showTime` still adds the time (DateField passes these options to toLocaleString).
 */
export const DATE_FIELD_DEFAULTS = {
  locales: DATE_LOCALE,
  options: { timeZone: TIME_ZONE } satisfies Intl.DateTimeFormatOptions,
};

/** A date (or date and time) for a person to read. */
export function formatDate(
  value: string | number | Date | null | undefined,
  withTime = false,
): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return withTime
    ? date.toLocaleString(DATE_LOCALE, { timeZone: TIME_ZONE })
    : date.toLocaleDateString(DATE_LOCALE, { timeZone: TIME_ZONE });
}
