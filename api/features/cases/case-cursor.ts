import { AppError } from '../../errors';

/**
 * The position after the last case of a page, in the list order (created_at DESC, id DESC).
 * `at` keeps PostgreSQL's microseconds: a JavaScript Date would round to milliseconds and make the
 * next page skip or repeat cases created within the same millisecond.
 */
export interface CaseCursor { at: string; id: string }

const AT = /^[12]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const CASE_ID = /^DSAR-[0-9]{4}-[0-9]{6,}$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,400}$/;

export function encodeCursor(cursor: CaseCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

const invalid = () => new AppError(400, 'invalid_cursor', 'cursor is not one this API issued: pass nextCursor from the previous page unchanged, or omit cursor for the first page.');

/** Strict: only the exact encoding of a cursor this API issued is accepted; anything else is a 400, never a database error. */
export function decodeCursor(text: string): CaseCursor {
  if (!BASE64URL.test(text)) throw invalid();
  const json = Buffer.from(text, 'base64url').toString('utf8');
  let keys: unknown;
  try {
    keys = JSON.parse(json);
  } catch {
    throw invalid();
  }
  if (!Array.isArray(keys) || keys.length !== 2) throw invalid();
  const [at, id] = keys as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !AT.test(at) || !CASE_ID.test(id) || !isRealInstant(at)) throw invalid();
  // Non-canonical spellings (padding, other whitespace) do not round-trip: refused too.
  if (encodeCursor({ at, id }) !== text) throw invalid();
  return { at, id };
}

/** 2026-02-30 matches the pattern but is no instant; PostgreSQL would fail on it. */
function isRealInstant(at: string): boolean {
  const millis = `${at.slice(0, 23)}Z`;
  const date = new Date(millis);
  return !Number.isNaN(date.getTime()) && date.toISOString() === millis;
}
