import {
  ActivityFailure, ApplicationFailure, ContinueAsNew, allHandlersFinished, condition, continueAsNew, isCancellation, patched, proxyActivities,
  setHandler, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { invalidCaseInput } from '../domain/case/case-input';
import { isFinal } from '../domain/case/case-status';
import type { ScheduledReminder } from '../domain/case/reminders';
import {
  calendarChangedSignal, caseActionUpdate, caseStateQuery, type ActionRequest, type CaseFault, type CaseOpened, type CaseState, type CaseTerm,
} from './case-contract';
import { answerLetter } from '../domain/case/answer-letter';
import type { Letter } from '../domain/case/legal-paths';
import { dueOf } from '../domain/case/term-due';
import { decide } from '../domain/case/decide';
import { systemDestroyedSignal } from './destruction-contract';
import { autoBlockAt, destructionFinished, destructionWanted, followDestruction, startDestruction } from './case-destruction';
import { caseSearchAttributes } from './search-attributes';
import { replanOnCalendar } from './case-replan';
import {
  apply, carry, decideOn, termOfRecord, emptyState, nextReminder, NO_MORE_DAILY, openPath, outOfDailyReminders, stateOf, type CasePath,
} from './case-path';

const { recordCaseOpened, recordStep, recordReminder, recordFault, planOverdueReminders, planStepTerms, issueDestructionAct } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  // Outages are retried until they pass; permanent refusals arrive as non-retryable failures (faultOf below).
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Letters wait out an SMTP outage (retried for ever, backing off to an hour) without holding up the case: the
// workflow does not await them on its path, only before it ends. A refused recipient is final.
const { sendCaseLetter } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  // The activity heartbeats while the SMTP server has the letter: a worker killed mid-send is noticed in 10 s.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', nonRetryableErrorTypes: ['LetterRejected', 'LetterNotFound', 'LetterTemplateError'] },
});

/**
 * Versioned changes (patched): running cases replay the path they took before the change, new runs take the new
 * one. Histories recorded before each change are replayed in test/workflow/versioned-changes.test.ts.
 */
export const PATCHES = {
  /** Daily reminders of an overdue term are planned in batches, the next asked for when one runs out. */
  overdueRemindersInBatches: 'overdue-reminders-in-batches',
  /** A case whose history grew long continues as a new run with its state (cases may live six months and more). */
  continueAsNewOnLongHistory: 'continue-as-new-on-long-history',
  /**
   * Destruction runs in every system of the registry (one child workflow each); the engine issues the act and confirms
   * the destruction when all are done, and blocks the case when they are not done in time (docs/adr/012).
   */
  destructionPerSystem: 'destruction-per-system',
  /** The production calendar changed: terms not yet met are counted again and their reminders follow (docs/adr/015). */
  calendarReplan: 'calendar-replan',
  /** `approve_destruction` taken again changes nothing and records nothing (legal-paths.ts `once`); it used to record a second step. */
  repeatedPermissionChangesNothing: 'repeated-permission-changes-nothing',
} as const;

/** Events after which a case continues as a new run: far below Temporal's 50,000-event limit, so replays stay quick. */
export const HISTORY_EVENTS_BEFORE_CONTINUE = 2_000;

/**
 * One data-subject request on its legal path (domain/case/legal-paths.ts), from receipt to its final answer.
 * It holds the case's step and terms, fires each term's reminders and escalation at the instants computed on
 * the production calendar, and accepts officers' actions as Updates that the same table validates. A permanent
 * fault is recorded on the case and ends the workflow: it never retries for ever.
 */
export async function caseWorkflow(input: CaseOpened): Promise<CaseState> {
  let path: CasePath | undefined;
  /** Set by an Update so the loop below re-reads the schedule; a permanent failure ends the case. */
  let changed = false;
  let broken: unknown;
  /** The history grew long: the case goes on in a new run once its letters are out (PATCHES.continueAsNewOnLongHistory). */
  let continuing = false;
  /** Letters on their way; the case ends only when each is sent, refused or queued for lack of SMTP. */
  let lettersOnTheirWay = 0;
  /** One step on the path (set once the input is checked): the engine's own steps take it as officers' Updates do. */
  let takeStepRef: ((req: ActionRequest) => Promise<CaseState>) | undefined;
  /** The calendar version a re-plan was asked for (calendarChangedSignal), until the case re-planned on it. */
  let calendarChanged: string | undefined;
  /** Signals to the systems' destruction workflows on their way; the run ends only once they are delivered. */
  const toSystems: Array<Promise<void>> = [];
  const send = (req: Parameters<typeof sendCaseLetter>[0]) => {
    lettersOnTheirWay += 1;
    void sendCaseLetter(req).catch(() => undefined).finally(() => { lettersOnTheirWay -= 1; });
  };
  setHandler(caseStateQuery, () => (path ? stateOf(path) : emptyState(input)));
  // Each system's destruction workflow reports here when it is done (docs/adr/012).
  setHandler(systemDestroyedSignal, (r) => {
    if (!path?.destruction || path.destruction.finished[r.systemId]) return;
    path.destruction.finished[r.systemId] = r.status;
    changed = true;
  });
  setHandler(calendarChangedSignal, ({ version }) => {
    // Checked here, not in the loop: waking the loop alone changes the commands (the waiting timer is cancelled), so a
    // history in which the code of the time ignored this signal must ignore it again when replayed.
    if (!patched(PATCHES.calendarReplan)) return;
    calendarChanged = version;
    changed = true;
  });

  try {
    // The input is checked before anything reads it: a bad one ends the case as a fault, never a failing task.
    const invalid = invalidCaseInput(input);
    if (invalid) throw ApplicationFailure.nonRetryable(invalid, 'InvalidCaseInput');
    const p = openPath(input);
    path = p;
    /** Keeps Temporal's search attributes (type, status, step, due, overdue, assignee) in step with the case. */
    const searchable = () => { if (input.searchAttributes) upsertSearchAttributes(caseSearchAttributes(p)); };
    /** One step on the path, an officer's (an Update) or the engine's own (destruction in the systems). */
    const takeStep = async (req: ActionRequest) => {
      const decision = decideOn(p, req, Date.now());
      // A forged letter "from us" gets no letter from us, not even once an officer classified it (issue 16).
      const letters = input.withoutAcknowledgement ? decision.letters.filter((l) => l !== 'acknowledgement') : decision.letters;
      // A permission given again (the table's `once`) is answered with the case as it is: no second audit event.
      if (decision.repeat && patched(PATCHES.repeatedPermissionChangesNothing)) return stateOf(p);
      const actedAt = req.actedAt ?? new Date(Date.now()).toISOString();
      const stepBefore = p.step;
      const { from, to } = apply(p, decision, req, actedAt);
      changed = true;
      toSystems.push(...followDestruction(p, stepBefore));
      searchable();
      try {
        await recordStep({
          caseId: input.caseId, seq: p.transitions, action: req.action, actor: req.actor, from, to, step: p.step,
          details: { ...req.details, ...(req.note ? { note: req.note } : {}) }, terms: changedTerms(p.terms, decision.meets, req.terms),
          assignee: p.assignee, requestId: req.requestId, actedAt, letters,
          ...(decision.classifies ? { classifiedAs: { type: decision.classifies, opening: termOfRecord(p)! } } : {}),
        });
      } catch (err) {
        if (err instanceof ActivityFailure) broken ??= err;
        throw err;
      }
      sendStepLetters(p, letters, req, actedAt);
      return stateOf(p);
    };
    takeStepRef = takeStep;
    setHandler(caseActionUpdate, takeStep, { validator: (req: ActionRequest) => { decideOn(p, req, Date.now()); } });

    searchable();
    if (!input.carried) {
      await recordCaseOpened({ ...input, terms: p.terms });
      // An unclassified letter is acknowledged once an officer has said which request it is (and so its term).
      if (input.type !== 'unclassified') send({ caseId: input.caseId, kind: 'acknowledgement', dedupeKey: `${input.caseId}:acknowledgement`, dueDate: p.terms[0]!.deadline.due });
    }
    while (!isFinal(p.status) && broken === undefined) {
      // A long history: this run ends as soon as no letter is on its way (reminders keep firing meanwhile).
      if (!continuing && historyIsLong() && patched(PATCHES.continueAsNewOnLongHistory)) continuing = true;
      // Before the run may end for continue-as-new: a pending re-plan is not carried to the next run.
      if (calendarChanged !== undefined) {
        calendarChanged = undefined;
        await replanOnCalendar(p, input.caseId, send);
        searchable();
      }
      if (continuing && lettersOnTheirWay === 0) break;
      const exhausted = outOfDailyReminders(p);
      if (exhausted && patched(PATCHES.overdueRemindersInBatches)) {
        const daily = exhausted.reminders.filter((r) => r.kind === 'overdue_daily');
        const more = await planOverdueReminders({ dueAt: dueOf(exhausted).dueAt, last: daily.at(-1) });
        if (more.length) exhausted.reminders.push(...more);
        else p.fired.add(`${exhausted.key}:${NO_MORE_DAILY}`);
      }
      if (destructionWanted(p) && patched(PATCHES.destructionPerSystem)) await startDestruction(p);
      if (destructionFinished(p)) {
        await confirmDestruction(p);
        continue;
      }
      const next = nextReminder(p);
      // A system not done when the destruction term ends: the case blocks first (the term's escalation then never fires).
      const blockAt = autoBlockAt(p);
      const blocksFirst = blockAt !== undefined && (!next || blockAt <= Date.parse(next.reminder.at));
      changed = false;
      const woken = await condition(
        () => changed || isFinal(p.status) || broken !== undefined || (continuing && lettersOnTheirWay === 0),
        blocksFirst ? msUntil(new Date(blockAt).toISOString()) : next ? msUntil(next.reminder.at) : undefined,
      );
      if (!woken && blocksFirst) {
        await blockForFallback(p);
      } else if (!woken && next) {
        await fire(p, next.term, next.reminder);
        if (next.reminder.kind === 'escalation') searchable();
      }
    }
    // Officers' actions in flight finish, and the letters they send are sent, refused or queued, before this run ends.
    await condition(() => (allHandlersFinished() && lettersOnTheirWay === 0) || broken !== undefined);
    if (broken !== undefined) throw broken;
    await Promise.all(toSystems);
    // A closed case outlives the systems' workflows it started, so none reports to a case that has ended.
    if (isFinal(p.status)) await Promise.all(p.systemRuns ?? []);
    if (!isFinal(p.status)) {
      // The history grew long: the same case goes on in a new run that starts from where this one stopped.
      return await continueAsNew<typeof caseWorkflow>({ ...input, terms: undefined, carried: carry(p) });
    }
    return stateOf(p);
  } catch (err) {
    if (isCancellation(err) || err instanceof ContinueAsNew) throw err; // not faults: the case was cancelled or goes on
    const fault = faultOf(input?.caseId ?? 'unknown', err);
    await recordFault(fault);
    throw ApplicationFailure.nonRetryable(`Case ${fault.caseId} stopped on a permanent fault (${fault.kind}); see GET /api/v1/faults.`, 'CaseFault');
  }

  /**
   * Every system is done: the engine issues the Order 179 act, then confirms the destruction as an officer's
   * `confirm_destruction` would (actor `system`), so the path's letters follow as they always have. An officer who
   * moved the case meanwhile wins; the act stays issued.
   */
  async function confirmDestruction(p: CasePath) {
    const issued = await issueDestructionAct({ caseId: input.caseId });
    if (!destructionFinished(p)) return;
    p.destruction!.ended = 'act';
    if (issued.actNumber) p.destruction!.act = issued.actNumber;
    const { actNumber, ...facts } = issued;
    await systemStep({ action: 'confirm_destruction', actor: 'system', details: { ...facts, ...(actNumber ? { actNumber } : {}) }, terms: [] });
  }

  /** The destruction term ends with a system not done: blocked, destroy within 6 months (art. 21 p.6); destruction goes on. */
  async function blockForFallback(p: CasePath) {
    if (autoBlockAt(p) === undefined) return; // every system finished, or the case moved, as the timer fired
    const snapshot = { type: p.type, step: p.step, terms: p.terms.map((t) => ({ key: t.key, rule: t.rule, status: t.status, dueAt: t.deadline.dueAt, extended: t.extended })) };
    const actedAt = new Date(Date.now()).toISOString();
    const { starts } = decide(snapshot, { action: 'block' }, Date.now());
    const terms = await planStepTerms({ starts, receivedAt: input.receivedAt, terms: p.terms.map((t) => ({ key: t.key, due: dueOf(t).due })), actedAt });
    const open = p.destruction!.systems.filter((id) => !p.destruction!.finished[id]);
    await systemStep({
      action: 'block', actor: 'system', terms, actedAt,
      details: { note: `Destruction not finished in time in: ${open.join(', ')}; the data are blocked and destroyed within 6 months (art. 21 p.6).` },
    });
  }

  /** The engine's own step; an officer's action that moved the case meanwhile makes it moot, never a fault. */
  async function systemStep(req: ActionRequest) {
    try {
      await takeStepRef!(req);
    } catch (err) {
      if (err instanceof ApplicationFailure && err.type === 'TransitionNotAllowed') return;
      throw err;
    }
  }

  /** The letters a step sends: the table's, with `answer` resolved by what the path did; one recipient notice per recipient. */
  function sendStepLetters(p: CasePath, kinds: Letter[], req: ActionRequest, actedAt: string) {
    const answer = p.terms.find((t) => t.key === 'answer');
    const opening = termOfRecord(p)!;
    const base = {
      caseId: input.caseId, details: req.details, facts: { ...p.facts }, actedAt,
      dueDate: answer ? dueOf(answer).due : opening.deadline.due, originalDueDate: answer?.deadline.due,
    };
    for (const letter of kinds) {
      const kind = letter === 'answer' ? answerLetter(p.type, p.facts) : letter;
      // One acknowledgement per case, whether sent at receipt or when a triaged letter was classified.
      const dedupeKey = kind === 'acknowledgement' ? `${input.caseId}:acknowledgement` : `${input.caseId}:${kind}:${p.transitions}`;
      if (kind === 'recipient_notice') {
        (req.details?.recipients ?? []).forEach((recipient, i) => send({ ...base, kind, recipient, dedupeKey: `${dedupeKey}:${i}` }));
      } else {
        send({ ...base, kind, dedupeKey });
      }
    }
  }

  /** One reminder, once: the escalation also marks the term (and the case) overdue. Missed daily reminders are not repeated. */
  async function fire(p: CasePath, term: CaseTerm, reminder: ScheduledReminder) {
    p.fired.add(`${term.key}:${reminder.key}`);
    if (reminder.kind === 'overdue_daily') {
      const later = term.reminders.find((r) => r.kind === 'overdue_daily' && Date.parse(r.at) <= Date.now() && !p.fired.has(`${term.key}:${r.key}`));
      if (later) return; // the worker was away: only the latest missed daily reminder goes out
    }
    const from = p.status;
    if (reminder.kind === 'escalation') {
      term.status = 'overdue';
      if (p.status === 'received') p.status = 'overdue';
    }
    await recordReminder({
      caseId: input.caseId, termKey: term.key, rule: term.rule, due: dueOf(term).due, reminder, step: p.step,
      assignee: p.assignee, from, to: p.status, firedAt: new Date(Date.now()).toISOString(),
    });
    send({
      caseId: input.caseId, kind: reminder.kind === 'escalation' ? 'escalation' : 'staff_reminder',
      dedupeKey: `${input.caseId}:reminder:${term.key}:${reminder.key}`, dueDate: dueOf(term).due, step: p.step,
      daysLeft: reminder.workingDaysLeft, assignee: reminder.to === 'assignee' ? p.assignee : undefined,
    });
  }
}

/** The terms whose row changes with this step: started or extended ones, met ones, and all when the case closed. */
function changedTerms(terms: CaseTerm[], meets: string[], started: CaseTerm[] | undefined): CaseTerm[] {
  const keys = new Set([...meets, ...(started ?? []).map((t) => t.key)]);
  return terms.filter((t) => keys.has(t.key) || t.status === 'cancelled');
}

/** What stopped the case, for officers: the input, a permanent database refusal, or a bug in workflow code. */
function faultOf(caseId: string, err: unknown): CaseFault {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (cause instanceof ApplicationFailure && cause.type === 'InvalidCaseInput') return { caseId, kind: 'invalid_input', message };
  if (cause instanceof ApplicationFailure && cause.type === 'PermanentDatabaseError') return { caseId, kind: 'permanent_database_error', message };
  return { caseId, kind: 'workflow_error', message };
}

/** Temporal suggests it (history size) or the events passed our own bound. */
function historyIsLong(): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= HISTORY_EVENTS_BEFORE_CONTINUE;
}

/** Workflow time is deterministic (`Date.now()` is replay-safe here); a past instant fires at once. */
function msUntil(instant: string): number {
  return Math.max(1, Date.parse(instant) - Date.now());
}
