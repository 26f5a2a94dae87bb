import type { PathFacts } from '../domain/case/answer-letter';
import type { LetterData, LetterKind } from '../letters';
import type { ActionDetails, Person } from '../workflows/case-contract';

/** A letter the workflow asks for: its kind and the facts it states; the activity reads the case and the operator. */
export interface CaseLetterRequest {
  caseId: string;
  kind: LetterKind;
  /** Stable per letter: the same key is never queued or sent twice (each recipient gets its own suffix). */
  dedupeKey: string;
  /** The due date of the term now running (the extended one after an extension). */
  dueDate: string;
  originalDueDate?: string;
  details?: ActionDetails;
  facts?: PathFacts;
  /** When the action was taken (letters date what was done with it). */
  actedAt?: string;
  step?: string;
  daysLeft?: number;
  assignee?: Person;
  /** recipient_notice: the third party told. */
  recipient?: Person;
}

type Base = Omit<LetterData['acknowledgement'], 'subjectName'>;

/** The operator's date of an instant (YYYY-MM-DD). */
export const localDate = (instant: string | undefined, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant ? new Date(instant) : new Date());

/** The data of a letter to the subject (or a recipient of the data) from the case, the officer's details and the path's facts. */
export function subjectLetterData(req: CaseLetterRequest, base: Base, subjectName: string, tz: string): object {
  const d = req.details ?? {};
  const f = req.facts ?? {};
  const on = (instant?: string) => localDate(instant ?? req.actedAt, tz);
  const s = { ...base, subjectName, ...(d.note ? { note: d.note } : {}) };
  switch (req.kind) {
    case 'acknowledgement': return s;
    case 'information_request': return { ...s, missingItems: d.missing ?? [] };
    case 'extension_notice': return { ...s, reason: d.reason ?? '', originalDueDate: req.originalDueDate ?? req.dueDate };
    case 'response_cover': return { ...s, sections: d.sections ?? [] };
    case 'refusal': return { ...s, ground: d.ground, provision: d.provision, reasons: d.reasons ?? '' };
    case 'correction_notice': return { ...s, changes: f.changes ?? '', correctedDate: on(f.correctedAt) };
    case 'blocking_notice': return { ...s, blockedDate: on(f.blockedAt), reason: d.reportedAs ?? (base.requestType === 'correction' ? 'inaccurate' : 'unlawful') };
    case 'unblocking_notice':
      return { ...s, unblockedDate: on(), outcome: f.correctedAt ? 'corrected' : 'not_confirmed', ...(d.note ? { reasons: d.note } : {}) };
    case 'destruction_notice': return { ...s, destroyedDate: on(f.destroyedAt), ground: destructionGround(base.requestType, f), categories: f.categories ?? '' };
    case 'cessation_notice':
      return { ...s, ceasedDate: on(f.ceasedAt), ground: base.requestType === 'withdrawal' ? 'consent_withdrawn' : base.requestType === 'blocking' ? 'unlawful_processing' : 'demand_cease' };
    case 'legal_ground_notice': return { ...s, legalGround: f.legalGround ?? '', ...(d.retentionUntil ? { retentionUntil: d.retentionUntil } : {}) };
    case 'recipient_notice': return {
      ...s, recipientName: req.recipient?.name ?? '', action: f.destroyedAt ? 'destroyed' : 'corrected',
      actionDate: on(f.destroyedAt ?? f.correctedAt), details: (f.destroyedAt ? f.categories : f.changes) ?? '',
    };
    default: throw new Error(`${req.kind} is not a letter to the subject`);
  }
}

function destructionGround(type: string, f: PathFacts): LetterData['destruction_notice']['ground'] {
  if (type === 'withdrawal') return 'consent_withdrawn';
  if (type === 'blocking' || f.finding === 'unlawful') return 'unlawful_processing';
  return 'evidence';
}
