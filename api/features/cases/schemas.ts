import { Type, type Static } from '@sinclair/typebox';
import { CASE_STATUSES } from '../../../domain/case/case-status';
import { CASE_TYPES, CHANNELS, REQUEST_TYPES } from '../../../domain/case/request-types';
import { DELETION_GROUNDS, OFFICER_ACTIONS, STEPS } from '../../../domain/case/legal-paths';

const strict = { additionalProperties: false } as const;
/** A string enum: a clean `enum` in OpenAPI and the literal union as its static type. */
export const literalUnion = <T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });

export const CaseId = Type.String({ pattern: '^DSAR-[0-9]{4}-[0-9]{6,}$', description: 'Case number, also the Temporal workflow ID', examples: ['DSAR-2026-000123'] });
export const CaseParams = Type.Object({ id: CaseId }, strict);
/** Routes that take no query parameters refuse them, as bodies refuse unknown fields. */
export const NoQuery = Type.Object({}, strict);

export const OpenCaseBody = Type.Object(
  {
    type: literalUnion(REQUEST_TYPES, 'What the subject asks for'),
    subject: Type.Object(
      {
        // Formats in api/validation.ts: at least one letter, no control characters (NUL cannot be stored).
        name: Type.String({ minLength: 1, maxLength: 300, format: 'person-name', description: 'Full name as given by the subject; at least one letter' }),
        email: Type.Optional(Type.String({ format: 'email', maxLength: 320, description: 'Internationalised addresses (иван@пример.рф) are accepted', examples: ['ivan@example.ru'] })),
      },
      strict,
    ),
    channel: literalUnion(CHANNELS, 'How the request arrived'),
    receivedAt: Type.String({ format: 'date-time', description: 'Instant of receipt, ISO 8601 with offset; day 0 of the term in the operator time zone' }),
    language: Type.Optional(literalUnion(['ru', 'en'] as const, 'The language the subject wrote in: letters to the subject use it (default: the operator profile\'s letterLanguage)')),
    ground: Type.Optional(literalUnion(Object.keys(DELETION_GROUNDS) as ['evidence', 'purpose_achieved'], 'Deletion only: the subject showed the data are unlawfully obtained or unneeded (evidence, 7 WD, art. 20 p.3, the default) or the purpose of processing is achieved (purpose_achieved, 30 days, art. 21 p.4)')),
  },
  strict,
);
export type OpenCaseBody = Static<typeof OpenCaseBody>;

export const Deadline = Type.Object({
  rule: Type.String(), from: Type.String(), due: Type.String({ format: 'date' }), dueAt: Type.String(),
  extendedDue: Type.Optional(Type.String({ format: 'date' })), extendedDueAt: Type.Optional(Type.String()),
  unit: Type.String(), n: Type.Number(), basis: Type.String(), calendarVersion: Type.String(), provisional: Type.Boolean(),
  internal: Type.Optional(Type.Object({ n: Type.Number(), due: Type.String(), dueAt: Type.String() })),
}, { description: 'The statutory term with everything needed to recompute it' });

export const Case = Type.Object({
  id: CaseId,
  type: literalUnion(CASE_TYPES, 'Request type; `unclassified` while a letter from e-mail intake waits in triage'),
  status: literalUnion(CASE_STATUSES, 'Lifecycle status'),
  channel: literalUnion(CHANNELS, 'Intake channel'),
  subject: Type.Object({ name: Type.String(), email: Type.Union([Type.String(), Type.Null()]) }),
  receivedAt: Type.String({ format: 'date-time' }),
  due: Type.String({ format: 'date', description: 'Last day of the statutory term (operator time)' }),
  dueAt: Type.String({ format: 'date-time' }),
  extendedDue: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  rule: Type.String(),
  calendarVersion: Type.String(),
  provisional: Type.Boolean(),
  deadline: Deadline,
  step: literalUnion(STEPS, 'Where the case is on its legal path (domain/case/legal-paths.ts)'),
  language: Type.Union([literalUnion(['ru', 'en'] as const, 'The language letters to the subject are written in'), Type.Null()]),
  assignee: Type.Union([Type.Object({ name: Type.String(), email: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  terms: Type.Array(Type.Object({
    key: Type.String({ description: 'answer, block, rectify, cease, destroy or fallback' }),
    rule: Type.String(), status: Type.String({ description: 'running, met, overdue or cancelled' }),
    due: Type.String({ format: 'date' }), dueAt: Type.String({ format: 'date-time' }), extended: Type.Boolean(),
    workingDaysLeft: Type.Union([Type.Integer(), Type.Null()], { description: 'Working days from today to the due date (0: due today; negative: overdue); null once the term is met or cancelled' }),
    basis: Type.String(), calendarVersion: Type.String(),
  }), { description: 'Every term the path started, with what is needed to recompute it' }),
  repeatOf: Type.Union([Type.Object({ caseId: CaseId, allowedFrom: Type.String({ format: 'date' }) }), Type.Null()], {
    description: 'Art. 14 p.4–6: the earlier case this request repeats, answered less than 30 days before this receipt; it may be refused with the repeat_request ground unless the subject explains why the first answer was incomplete',
  }),
  allowedActions: Type.Array(literalUnion(OFFICER_ACTIONS, 'An action the law allows now')),
  openedBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  faults: Type.Optional(Type.Array(Type.Object({
    kind: Type.String({ description: 'invalid_input, permanent_database_error or workflow_error' }),
    message: Type.String(), createdAt: Type.String({ format: 'date-time' }),
  }), { description: 'Unresolved permanent faults: the case workflow stopped on them and needs an administrator (single-case reads only)' })),
});

export const CaseListQuery = Type.Object(
  {
    status: Type.Optional(literalUnion(CASE_STATUSES, 'Only cases in this status')),
    type: Type.Optional(literalUnion(CASE_TYPES, 'Only cases of this request type (`unclassified`: letters waiting in triage)')),
    step: Type.Optional(literalUnion(STEPS, 'Only cases in this step of their legal path')),
    overdue: Type.Optional(literalUnion(['true', 'false'] as const, 'true: only cases with a term that ended unmet; false: only cases without one')),
    dueBefore: Type.Optional(Type.String({ format: 'date', description: 'Only cases with a running or overdue term due before this date (YYYY-MM-DD)' })),
    assignee: Type.Optional(Type.String({ format: 'person-name', maxLength: 300, description: 'Only cases assigned to this officer (name as given in assign)' })),
    // A string checked digit by digit: "1e2", " 5", "Infinity" and 1000-digit numbers are refused, not converted.
    limit: Type.String({ format: 'page-size', default: '50', description: 'Page size, 1 to 200 (digits only)', examples: ['50'] }),
    cursor: Type.Optional(Type.String({ description: 'nextCursor of the previous page; opaque', examples: ['eyJhdCI6…'] })),
  },
  strict,
);
export type CaseListQuery = Static<typeof CaseListQuery>;

export const CaseList = Type.Object({
  items: Type.Array(Case),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last page' }),
  total: Type.Integer({ description: 'Cases matching the filters (all pages)' }),
  totalExact: Type.Boolean({ description: 'false when total is the planner\'s estimate (more than 1,000 matching cases)' }),
  limit: Type.Integer(),
});

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time', description: 'When the event was applied and recorded (by the worker, for workflow events)' }),
  actedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the person acted (the API received the request) or the term ended (escalation); null for events recorded before this field existed' }),
  actor: Type.String(), action: Type.String(),
  fromStatus: Type.Union([Type.String(), Type.Null()]), toStatus: Type.Union([Type.String(), Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]), data: Type.Record(Type.String(), Type.Unknown()),
});
export const CaseHistory = Type.Object({ caseId: CaseId, events: Type.Array(AuditEvent) });

/** 202 to POST /api/v1/cases: the request is accepted and its number reserved; Temporal did not take the start in time. */
export const PendingCase = Type.Object({
  id: CaseId,
  status: Type.Literal('opening', {
    description: 'Accepted and recorded, its case number reserved; the case workflow starts as soon as Temporal answers again '
      + '(the engine retries by itself: do not send the request again). GET /api/v1/cases/{id} answers 404 until it has started; '
      + 'GET /api/v1/openings lists what waits.',
  }),
  message: Type.String(),
}, { description: 'Accepted; the case starts when Temporal is back' });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 200, description: 'Repeat a POST safely: a request whose key was already used is answered with the current case, never applied twice' })),
});

export const ErrorBody = Type.Object({ statusCode: Type.Integer(), code: Type.String(), message: Type.String() });
