/**
 * Every failure of the legal-time module is a LegalTimeError with a stable
 * `code` (callers map it to 4xx / CLI exit codes) and a message that says
 * what to fix. Codes are part of the public contract: add, never rename.
 */
export type LegalTimeErrorCode =
  | 'unknown_rule'
  | 'invalid_from'
  | 'before_law'
  | 'instant_required'
  | 'invalid_time_zone'
  | 'invalid_date'
  | 'invalid_n'
  | 'invalid_calendar'
  | 'calendar_invalid_year'
  | 'calendar_invalid_country'
  | 'calendar_invalid_field'
  | 'calendar_invalid_date'
  | 'calendar_date_outside_year'
  | 'calendar_duplicate_date'
  | 'calendar_duplicate_year'
  | 'calendar_invalid_status'
  | 'calendar_invalid_kind'
  | 'calendar_invalid_decree'
  | 'calendar_invalid_transfer'
  | 'calendar_not_official'
  | 'invalid_internal_term'
  | 'internal_term_longer_than_statute';

export class LegalTimeError extends Error {
  readonly code: LegalTimeErrorCode;

  constructor(code: LegalTimeErrorCode, message: string) {
    super(message);
    this.name = 'LegalTimeError';
    this.code = code;
    // Keeps `instanceof` reliable when compiled to ES5-style classes or bundled twice.
    Object.setPrototypeOf(this, new.target.prototype);
  }

  toJSON(): { code: LegalTimeErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isLegalTimeError(value: unknown): value is LegalTimeError {
  return value instanceof LegalTimeError;
}
