import { CASE_TYPES, CHANNELS } from './request-types';

/** The parts of a case workflow's input that its timers and records depend on. */
interface CaseInputShape {
  caseId?: unknown;
  type?: unknown;
  channel?: unknown;
  receivedAt?: unknown;
  actedAt?: unknown;
  deadline?: { rule?: unknown; due?: unknown; dueAt?: unknown } | null;
}

const CASE_ID = /^DSAR-[0-9]{4}-[0-9]{6,}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const RFC3339 = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$/;
const isInstant = (v: unknown) => typeof v === 'string' && RFC3339.test(v) && Number.isFinite(Date.parse(v));

/**
 * Why a case workflow cannot run on this input, or undefined when it can. The API refuses bad input at the
 * door; this is the workflow's own guard, so an input that slipped past (an old client, a hand-started
 * workflow) ends the case visibly as a fault instead of failing its workflow task on every retry.
 */
export function invalidCaseInput(input: CaseInputShape | null | undefined): string | undefined {
  if (!input || typeof input !== 'object') return 'the input is not an object';
  if (typeof input.caseId !== 'string' || !CASE_ID.test(input.caseId)) return 'caseId is not a case number DSAR-YYYY-NNNNNN';
  if (!CASE_TYPES.includes(input.type as never)) return `type is not one of ${CASE_TYPES.join(', ')}`;
  if (!CHANNELS.includes(input.channel as never)) return `channel is not one of ${CHANNELS.join(', ')}`;
  if (!isInstant(input.receivedAt)) return 'receivedAt is not an RFC 3339 instant';
  if (input.actedAt !== undefined && !isInstant(input.actedAt)) return 'actedAt is not an RFC 3339 instant';
  const d = input.deadline;
  if (!d || typeof d !== 'object') return 'deadline is missing';
  if (typeof d.rule !== 'string' || d.rule === '') return 'deadline.rule is missing';
  if (typeof d.due !== 'string' || !DATE.test(d.due)) return 'deadline.due is not a date YYYY-MM-DD';
  if (!isInstant(d.dueAt)) return 'deadline.dueAt is not an RFC 3339 instant';
  return undefined;
}
