/**
 * The destruction of one case's data in one information system (docs/adr/012), started by the case workflow as a
 * child with id `<case>:destroy:<system>`. Its progress is durable in its own history and mirrored in the
 * `destruction_tasks` row: a worker killed mid-way resumes at the step it was in, so no system is destroyed twice
 * and none is skipped. A system with a connector is destroyed by the engine (find → block → erase, each retried with
 * backoff); one without — or whose connector failed for good — waits for its owner's confirmation, reminding the
 * owner on the case's reminder schedule. When done it tells its case, which issues the act when every system is.
 */
import {
  ActivityFailure, ApplicationFailure, CancellationScope, condition, getExternalWorkflowHandle, isCancellation, proxyActivities, setHandler,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { ScheduledReminder } from '../domain/case/reminders';
import {
  confirmSystemDestructionUpdate, destructionStoppedSignal, destructionTermSignal, systemDestroyedSignal, type DestructionTerm, type SystemConfirmation,
  type SystemDestructionInput, type SystemOutcome, type SystemResult,
} from './destruction-contract';

type Activities = ReturnType<typeof createActivities>;

const tasks = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// The system's own database may be down for a while: retried with backoff up to every 10 minutes, never for ever
// on a refusal (ConnectorFault: the SQL or the settings are wrong), which the task shows instead.
const connector = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  // The steps heartbeat: a worker killed mid-step is noticed in 15 s and the step (one transaction) runs again.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['ConnectorFault', 'DestructionTaskNotFound'] },
});

const { sendCaseLetter } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', nonRetryableErrorTypes: ['LetterRejected', 'LetterNotFound', 'LetterTemplateError'] },
});

/** The reminders an owner gets: the assignee's of the case's term (half term, working days before the due date). */
const forOwner = (r: ScheduledReminder) => r.to === 'assignee' && (r.kind === 'half_term' || r.kind === 'before_due');

export async function systemDestructionWorkflow(input: SystemDestructionInput): Promise<SystemResult> {
  const { caseId, system } = input;
  const ref = { caseId, systemId: system.id };
  let term: DestructionTerm = input.term;
  /** Set once the task row exists and the system waits for its owner (manual, or its connector failed for good). */
  let waitingForOwner = false;
  let confirmation: SystemConfirmation | undefined;
  let outcome: SystemOutcome | undefined;
  const fired = new Set<string>();
  let lettersOnTheirWay = 0;
  /** The case left destruction before this system was done. */
  let stopped = false;

  setHandler(destructionTermSignal, (t) => { term = t; });
  setHandler(destructionStoppedSignal, () => { stopped = true; });
  setHandler(confirmSystemDestructionUpdate, async (c) => {
    confirmation = c;
    await tasks.recordSystemConfirmation({ ...ref, confirmation: c });
    outcome = 'done';
    return { systemId: system.id, status: 'done' };
  }, {
    validator: (_c: SystemConfirmation) => {
      if (stopped) throw ApplicationFailure.nonRetryable(`The case left destruction; ${system.id} waits for nothing.`, 'NotWaiting', { code: 'destruction_cancelled' });
      if (outcome || confirmation) throw ApplicationFailure.nonRetryable(`The destruction in ${system.id} is already recorded.`, 'NotWaiting', { code: 'destruction_already_confirmed' });
      if (!waitingForOwner) throw ApplicationFailure.nonRetryable(`${system.id} is destroyed by its connector; it waits for no confirmation unless the connector fails.`, 'NotWaiting', { code: 'destruction_not_waiting' });
    },
  });

  try {
    const status = await tasks.openDestructionTask({ ...ref, system, dueAt: term.dueAt });
    if (status === 'done' || status === 'nothing_found') outcome = status;
    if (!outcome && !stopped && system.kind === 'connector') outcome = await destroyByConnector();
    if (!outcome && !stopped) {
      waitingForOwner = true;
      await remindOwnerUntilConfirmed();
    }
    if (!outcome) {
      await tasks.cancelDestructionTask(ref);
      await condition(() => lettersOnTheirWay === 0);
      return { systemId: system.id, status: 'cancelled' };
    }
    const result: SystemResult = { systemId: system.id, status: outcome! };
    await tellCase(result);
    await condition(() => lettersOnTheirWay === 0);
    return result;
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // Cancelled from outside (an administrator): the task says so.
    await CancellationScope.nonCancellable(() => tasks.cancelDestructionTask(ref));
    return { systemId: system.id, status: 'cancelled' };
  }

  /** find → block → erase; a permanent fault is shown on the task, which then waits for the owner. */
  async function destroyByConnector(): Promise<SystemOutcome | undefined> {
    try {
      await connector.findSubjectRows(ref);
      if (stopped) return undefined;
      await connector.blockSubjectRows(ref);
      if (stopped) return undefined;
      return await connector.eraseSubjectRows(ref);
    } catch (err) {
      // A refusal (bad SQL or settings; the registry no longer gives the system a connector) is the task's fault.
      if (!(err instanceof ActivityFailure) || !(err.cause instanceof ApplicationFailure) || !err.cause.nonRetryable) throw err;
      await tasks.recordTaskFault({ ...ref, message: err.cause.message });
      return undefined;
    }
  }

  /** Waits for the owner's confirmation, sending each of the term's reminders once, at its instant. */
  async function remindOwnerUntilConfirmed() {
    let recordedDue = input.term.dueAt;
    while (!outcome && !stopped) {
      const current = term;
      // The case was blocked and its fallback term runs: the task shows the new due date.
      if (current.dueAt !== recordedDue) { recordedDue = current.dueAt; await tasks.moveDestructionDue({ ...ref, dueAt: current.dueAt }); }
      const next = current.reminders.filter((r) => forOwner(r) && !fired.has(`${current.key}:${r.key}`))
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
      const woken = await condition(() => outcome !== undefined || stopped || term !== current, next ? Math.max(1, Date.parse(next.at) - Date.now()) : undefined);
      if (woken || !next) continue;
      fired.add(`${current.key}:${next.key}`);
      lettersOnTheirWay += 1;
      void sendCaseLetter({
        caseId, kind: 'staff_reminder', dedupeKey: `${caseId}:destroy:${system.id}:reminder:${current.key}:${next.key}`, dueDate: current.due,
        step: `destroying: ${system.id}`, daysLeft: next.workingDaysLeft, assignee: { name: system.owner.name, email: system.owner.email },
      }).catch(() => undefined).finally(() => { lettersOnTheirWay -= 1; });
    }
  }

  /** The case counts its systems by these signals (they reach its latest run); a closed case needs none. */
  async function tellCase(result: SystemResult) {
    try {
      await getExternalWorkflowHandle(caseId).signal(systemDestroyedSignal, result);
    } catch {
      // The case has ended (closed meanwhile): nothing waits for this system any more.
    }
  }
}
