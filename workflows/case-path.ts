/**
 * The case's place on its legal path, as the workflow holds it: plain data changed synchronously by the
 * workflow (so concurrent Updates see each change at once) and recorded by activities after.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { STATUS_OF_OUTCOME, type CaseStatus } from '../domain/case/case-status';
import { ActionRefused, decide, type Decision } from '../domain/case/decide';
import { FIRST_STEP, type Step } from '../domain/case/legal-paths';
import type { ScheduledReminder } from '../domain/case/reminders';
import { dueOf } from '../domain/case/term-due';
import type { PathFacts } from '../domain/case/answer-letter';
import type { CaseType } from '../domain/case/request-types';
import type { ActionRequest, CarriedPath, CaseOpened, CaseState, CaseTerm, Person } from './case-contract';
import type { DestructionState } from './case-destruction';

export interface CasePath {
  input: CaseOpened;
  /** The input's type until an officer classifies an `unclassified` case. */
  type: CaseType;
  status: CaseStatus;
  step: Step;
  terms: CaseTerm[];
  assignee?: Person;
  /** What the path did, for the letters (answer-letter.ts). */
  facts: PathFacts;
  /** Reminder keys already fired (`<term>:<reminder>`), so none fires twice within this run. */
  fired: Set<string>;
  transitions: number;
  /** Destruction in the operator's systems, once the case began it (case-destruction.ts). */
  destruction?: DestructionState;
  /** The systems' workflows this run started: a case that ends waits for them to end first (never carried). */
  systemRuns?: Array<Promise<void>>;
}

export function openPath(input: CaseOpened): CasePath {
  const c = input.carried;
  if (c) {
    return {
      input, type: c.type ?? input.type, ...c, terms: c.terms.map((t) => ({ ...t })), facts: { ...c.facts }, fired: new Set(c.fired),
      ...(c.destruction ? { destruction: { ...c.destruction, finished: { ...c.destruction.finished } } } : {}),
    };
  }
  // Cases opened before terms carried their reminders: the one term, escalating at its end.
  const terms = input.terms ?? [{
    key: 'answer', rule: input.deadline.rule, deadline: input.deadline, status: 'running', startedAt: input.receivedAt,
    reminders: [{ key: 'escalation', at: input.deadline.dueAt, kind: 'escalation', to: 'dpo_and_head', workingDaysLeft: 0 }],
  }];
  return { input, type: input.type, status: 'received', step: FIRST_STEP[input.type], terms: terms.map((t) => ({ ...t })), facts: {}, fired: new Set(), transitions: 0 };
}

/** The case's term of record: its first opening term (after triage, the one classifying started). */
export function termOfRecord(p: CasePath): CaseTerm | undefined {
  return p.terms.find((t) => t.key !== 'triage') ?? p.terms[0];
}

export function stateOf(p: CasePath): CaseState {
  const first = termOfRecord(p)?.deadline;
  return {
    caseId: p.input?.caseId, status: p.status, step: p.step, due: first?.due ?? '', dueAt: first?.dueAt ?? '', transitions: p.transitions,
    terms: p.terms.map((t) => ({ key: t.key, rule: t.rule, status: t.status, ...dueOf(t), extended: !!t.extended })),
    ...(p.destruction ? { destruction: { systems: p.destruction.systems, finished: { ...p.destruction.finished }, ...(p.destruction.act ? { act: p.destruction.act } : {}) } } : {}),
  };
}

/** What the next run needs to go on where this one stopped (continue-as-new). */
export function carry(p: CasePath): CarriedPath {
  return {
    type: p.type, status: p.status, step: p.step, terms: p.terms, ...(p.assignee ? { assignee: p.assignee } : {}), facts: p.facts,
    fired: [...p.fired], transitions: p.transitions, ...(p.destruction ? { destruction: p.destruction } : {}),
  };
}

/**
 * An overdue term whose planned daily reminders have all fired: the workflow asks for the next batch
 * (policy `dailyAfterDue` at a time) so the term is reminded every working day until it is met.
 */
/** Marks a term whose policy now plans no more daily reminders (`dailyAfterDue` set to 0 since it was planned). */
export const NO_MORE_DAILY = 'no_more_daily';

export function outOfDailyReminders(p: CasePath): CaseTerm | undefined {
  return p.terms.find((t) => t.status === 'overdue' && t.reminders.at(-1)?.kind === 'overdue_daily'
    && !p.fired.has(`${t.key}:${NO_MORE_DAILY}`) && t.reminders.every((r) => p.fired.has(`${t.key}:${r.key}`)));
}

/** The state a Query sees before the input was checked (or when it was refused). */
export function emptyState(input: CaseOpened): CaseState {
  return { caseId: input?.caseId, status: 'received', step: 'review', due: '', dueAt: '', transitions: 0, terms: [] };
}

/** decide() on the workflow's own state; refusals become non-retryable failures the API maps to 409. */
export function decideOn(p: CasePath, req: ActionRequest, now: number): Decision {
  const snapshot = {
    type: p.type, step: p.step, terms: p.terms.map((t) => ({ key: t.key, rule: t.rule, status: t.status, dueAt: t.deadline.dueAt, extended: t.extended })),
    taken: p.facts.destructionApprovedAt ? ['approve_destruction' as const] : [],
  };
  let d: Decision;
  try {
    d = decide(snapshot, { action: req.action, finding: req.details?.finding, type: req.details?.type, deletionGround: req.details?.deletionGround }, now);
  } catch (err) {
    if (err instanceof ActionRefused) throw ApplicationFailure.nonRetryable(err.message, 'TransitionNotAllowed', { code: err.code });
    throw err;
  }
  // The terms the action starts were computed by the API: exactly the ones the table names, never others.
  const expected = [...d.starts.map((s) => `${s.key}:${s.rule}`), ...(d.extends ? [`${d.extends}:extended`] : [])].sort();
  const given = (req.terms ?? []).map((t) => (t.extended ? `${t.key}:extended` : `${t.key}:${t.rule}`)).sort();
  if (expected.join() !== given.join()) {
    throw ApplicationFailure.nonRetryable(`"${req.action}" starts the terms [${expected.join(', ')}] but was given [${given.join(', ')}].`, 'TransitionNotAllowed', { code: 'terms_mismatch' });
  }
  return d;
}

/** Applies a decision to the state; returns the status before and after. */
export function apply(p: CasePath, d: Decision, req: ActionRequest, at: string): { from: CaseStatus; to: CaseStatus } {
  const from = p.status;
  p.step = d.to;
  if (d.classifies) p.type = d.classifies;
  for (const t of p.terms) {
    if (d.meets.includes(t.key) && (t.status === 'running' || t.status === 'overdue')) Object.assign(t, { status: 'met', metAt: at });
  }
  for (const started of req.terms ?? []) {
    const i = p.terms.findIndex((t) => t.key === started.key);
    if (i >= 0) p.terms[i] = { ...started, status: p.terms[i]!.status === 'overdue' ? 'running' : started.status };
    else p.terms.push({ ...started });
  }
  if (req.action === 'assign' && req.details?.assignee) p.assignee = req.details.assignee;
  recordFacts(p.facts, req, at);
  if (d.outcome) {
    p.status = STATUS_OF_OUTCOME[d.outcome];
    for (const t of p.terms) if (t.status === 'running' || t.status === 'overdue') Object.assign(t, { status: 'cancelled' });
  }
  p.transitions += 1;
  return { from, to: p.status };
}

/** The next reminder to fire: the earliest unfired one of a term still running or overdue. */
export function nextReminder(p: CasePath): { term: CaseTerm; reminder: ScheduledReminder } | undefined {
  let next: { term: CaseTerm; reminder: ScheduledReminder } | undefined;
  for (const term of p.terms) {
    if (term.status !== 'running' && term.status !== 'overdue') continue;
    const reminder = term.reminders.find((r) => !p.fired.has(`${term.key}:${r.key}`));
    if (reminder && (!next || Date.parse(reminder.at) < Date.parse(next.reminder.at))) next = { term, reminder };
  }
  return next;
}

/** Keeps what an action did that a later letter will state, with the instant it was done. */
function recordFacts(f: PathFacts, req: ActionRequest, at: string): void {
  const d = req.details ?? {};
  if (req.action === 'block') f.blockedAt = at;
  if (req.action === 'record_information' && d.finding) f.finding = d.finding;
  if (req.action === 'correct') Object.assign(f, { correctedAt: at, changes: d.changes ?? d.note });
  if (req.action === 'cease') f.ceasedAt = at;
  if (req.action === 'confirm_destruction') Object.assign(f, { destroyedAt: d.destroyedAt ?? at, categories: d.what });
  if (req.action === 'record_legal_ground') f.legalGround = d.ground;
  if (req.action === 'approve_destruction') f.destructionApprovedAt ??= at;
}
