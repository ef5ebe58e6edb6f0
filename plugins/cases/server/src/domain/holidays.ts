/**
 * The State Council's published holiday schedules as calendar data, to seed the `calendar-year`
 * table. Only years whose notice we could read are here; administrators add each later year in
 * the console once its notice is out (usually in November of the year before). A year missing
 * from the calendar counts plain Monday to Friday, so a 2027 limit runs through 2027's Spring
 * Festival until the 2027 year is entered.
 *
 * Convention (as `CalendarYear` documents it): `holidays` lists only the Monday-to-Friday dates
 * of each break, since a weekend is off anyway; `workdays` lists the weekend make-up days (调休).
 * A test checks both.
 */
import { STANDARD_HOURS } from './calendar';
import type { CalendarYear } from './types';

/** A year as published: the calendar data, where it comes from, and whether it was checked. */
export interface PublishedCalendarYear extends CalendarYear {
  /** the notice's title, number or date, and where it was read */
  source: string;
  /** true when the dates were checked against the notice's text */
  confirmed: boolean;
}

const hours = (): [number, number][] => STANDARD_HOURS.map(([s, e]) => [s, e]);

/**
 * 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12), the first year
 * under the revised 全国年节及纪念日放假办法 (New Year's Eve and 2 May added). Checked against the
 * Xinhua text as republished by gmw.cn.
 */
export const CHINA_2025: PublishedCalendarYear = {
  year: 2025,
  holidays: [
    '2025-01-01', // 元旦 (Wed), no make-up day
    '2025-01-28', // 春节 Jan 28 (除夕, Tue) – Feb 4 (Tue)
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-03',
    '2025-02-04',
    '2025-04-04', // 清明 Apr 4 (Fri) – 6
    '2025-05-01', // 劳动节 May 1 (Thu) – 5 (Mon)
    '2025-05-02',
    '2025-05-05',
    '2025-06-02', // 端午 May 31 (Sat) – Jun 2 (Mon)
    '2025-10-01', // 国庆节、中秋节 Oct 1 (Wed) – 8 (Wed)
    '2025-10-02',
    '2025-10-03',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',
  ],
  workdays: [
    '2025-01-26', // Sun, for 春节
    '2025-02-08', // Sat, for 春节
    '2025-04-27', // Sun, for 劳动节
    '2025-09-28', // Sun, for 国庆节
    '2025-10-11', // Sat, for 国庆节
  ],
  hours: hours(),
  source:
    '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号），2024年11月12日；' +
    '新华社全文，https://m.gmw.cn/2024-11/12/content_1303894933.htm',
  confirmed: true,
};

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04). Checked against the Xinhua text as
 * republished by gmw.cn.
 */
export const CHINA_2026: PublishedCalendarYear = {
  year: 2026,
  holidays: [
    '2026-01-01', // 元旦 Jan 1 (Thu) – 3 (Sat)
    '2026-01-02',
    '2026-02-16', // 春节 Feb 15 (腊月二十八, Sun) – 23 (正月初七, Mon)
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-23',
    '2026-04-06', // 清明 Apr 4 (Sat) – 6 (Mon)
    '2026-05-01', // 劳动节 May 1 (Fri) – 5 (Tue)
    '2026-05-04',
    '2026-05-05',
    '2026-06-19', // 端午 Jun 19 (Fri) – 21 (Sun)
    '2026-09-25', // 中秋 Sep 25 (Fri) – 27 (Sun)
    '2026-10-01', // 国庆 Oct 1 (Thu) – 7 (Wed)
    '2026-10-02',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  workdays: [
    '2026-01-04', // Sun, for 元旦
    '2026-02-14', // Sat, for 春节
    '2026-02-28', // Sat, for 春节
    '2026-05-09', // Sat, for 劳动节
    '2026-09-20', // Sun, for 国庆
    '2026-10-10', // Sat, for 国庆
  ],
  hours: hours(),
  source:
    '国务院办公厅关于2026年部分节假日安排的通知，2025年11月4日；' +
    '新华社全文，https://politics.gmw.cn/2025-11/04/content_38391083.htm',
  confirmed: true,
};

/** Every published year we ship, ascending: the seed for the `calendar-year` table. */
export const PUBLISHED_YEARS: readonly PublishedCalendarYear[] = [CHINA_2025, CHINA_2026];
