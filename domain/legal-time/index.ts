/**
 * Legal time for 152-FZ: the Russian production calendar and the statutory
 * terms. Pure and deterministic (no I/O, no clock, no Node built-ins), so it
 * is safe to import from Temporal workflow code. See README.md.
 */
export { LegalTimeError, isLegalTimeError, type LegalTimeErrorCode } from './errors';
export type { CalendarDay, CalendarYear, DayKind, DayStatus } from './calendar-types';
export { validateCalendarYear, validateCalendarYears } from './calendar-validate';
export { calendarVersion, fnv1a32 } from './calendar-version';
export {
  addWorkingDays,
  builtInCalendar,
  createCalendar,
  isWorkingDay,
  MAX_WORKING_DAYS,
  withOverrides,
  type Calendar,
} from './calendar';
export { statutoryYearFlags, STATUTORY_BASE_REVISION } from './statutory-base';
export { RULES, RULE_IDS, isRuleId, ruleById, type Rule, type RuleId, type TermUnit } from './rules';
export { validateInternalTerms, type InternalTerm, type InternalTerms } from './internal-terms';
export {
  splitPromisedTerms,
  type PromisedTerm,
  type PromisedTerms,
  type SplitPromises,
  type TermConflict,
} from './promised-terms';
export {
  computeDeadline,
  DEFAULT_TIME_ZONE,
  LAW_IN_FORCE,
  type DeadlineOptions,
  type DeadlineRequest,
  type DeadlineResult,
} from './compute-deadline';
export {
  decreeSource,
  parseCalendarImport,
  type CalendarDecree,
  type CalendarTransfer,
  type ImportedCalendarYear,
} from './calendar-import';
export { calendarStatus, CALENDAR_WARNING_DAYS, type CalendarStatus } from './calendar-status';
