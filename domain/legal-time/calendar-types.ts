/** Shape of one production-calendar year, as stored in calendar-data/ru-YYYY.json. */

export type DayStatus = 'nonworking' | 'working';

/**
 * Why a day differs from a plain Mon–Fri week.
 * `working_weekend_shortened`: a Saturday made a working day that is also a shortened pre-holiday day.
 */
export type DayKind =
  | 'holiday'
  | 'transferred_day_off'
  | 'working_weekend'
  | 'working_weekend_shortened'
  | 'shortened_preholiday';

export const KINDS_BY_STATUS: Readonly<Record<DayStatus, readonly DayKind[]>> = {
  nonworking: ['holiday', 'transferred_day_off'],
  working: ['working_weekend', 'working_weekend_shortened', 'shortened_preholiday'],
};

export interface CalendarDay {
  readonly date: string;
  readonly status: DayStatus;
  readonly kind: DayKind;
  /**
   * True for a day a provisional year only projects (a transfer that depends on a decree not yet published).
   * Allowed only when the year is provisional. The count treats a projected day as a working day whatever its
   * status: an extra working day can only make a due date earlier, so the date shown is never later than the
   * one the decree will give (152-fz.md: "show the conservative date"). Part of calendar.version.
   */
  readonly projected?: boolean;
  /** Commentary only (e.g. the decree's wording); not part of calendar.version. */
  readonly note?: string;
}

export interface CalendarYear {
  readonly year: number;
  /** Only "RU": the statutory fallback is the Russian Labour Code. */
  readonly country: 'RU';
  /** The decree the year comes from, e.g. "Government Decree No. 1335 of 04.10.2024". */
  readonly source: string;
  /** True while no decree is published; results touching the year say `provisional: true`. */
  readonly provisional: boolean;
  /** Only the days that differ from a plain Mon–Fri week. */
  readonly days: readonly CalendarDay[];
}
