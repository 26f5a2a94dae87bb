import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, isCancellation, proxyActivities, setHandler,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { invalidCaseInput } from '../domain/case/case-input';
import { isFinal, type CaseStatus } from '../domain/case/case-status';
import { TransitionError, nextStatus, type CaseAction } from '../domain/case/transitions';
import {
  caseActionUpdate, caseStateQuery, type ActionRequest, type CaseFault, type CaseOpened, type CaseState,
} from './case-contract';

const { recordCaseOpened, recordTransition, recordFault } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  // Outages are retried until they pass; permanent refusals arrive as non-retryable failures (faultOf below).
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One data-subject request, from receipt to its final answer. It knows its statutory deadline,
 * escalates by itself when the term ends unanswered, and accepts officers' actions as Updates
 * validated against the transition table. A permanent fault (an impossible input, a write PostgreSQL
 * will never accept) is recorded on the case and ends the workflow: it never retries for ever.
 */
export async function caseWorkflow(input: CaseOpened): Promise<CaseState> {
  let status: CaseStatus = 'received';
  let transitions = 0;
  /** A permanent failure met while applying an officer's action; the main path ends the case on it. */
  let broken: unknown;
  const state = (): CaseState => ({
    caseId: input?.caseId, status, due: input?.deadline?.due ?? '', dueAt: input?.deadline?.dueAt ?? '', transitions,
  });

  setHandler(caseStateQuery, state);
  setHandler(
    caseActionUpdate,
    async ({ action, actor, note, requestId, actedAt }: ActionRequest) => {
      try {
        await transition(action, actor, 'person', { message: note, requestId, actedAt });
      } catch (err) {
        if (err instanceof ActivityFailure) broken ??= err;
        throw err;
      }
      return state();
    },
    { validator: ({ action }: ActionRequest) => guard(() => nextStatus(status, action, 'person')) },
  );

  try {
    const invalid = invalidCaseInput(input);
    if (invalid) throw ApplicationFailure.nonRetryable(invalid, 'InvalidCaseInput');
    await recordCaseOpened(input);

    const settled = () => isFinal(status) || broken !== undefined;
    const answeredInTime = await condition(settled, msUntil(input.deadline.dueAt));
    if (!answeredInTime && status === 'received') {
      await transition('escalate', 'engine', 'system', {
        message: `Statutory term (${input.deadline.rule}) ended on ${input.deadline.due} without a response.`,
        actedAt: input.deadline.dueAt,
      });
    }
    await condition(() => (isFinal(status) && allHandlersFinished()) || broken !== undefined);
    if (broken !== undefined) throw broken;
    return state();
  } catch (err) {
    if (isCancellation(err)) throw err;
    const fault = faultOf(input?.caseId ?? 'unknown', err);
    await recordFault(fault);
    throw ApplicationFailure.nonRetryable(`Case ${fault.caseId} stopped on a permanent fault (${fault.kind}); see GET /api/v1/faults.`, 'CaseFault');
  }

  /** Changes status synchronously (so concurrent messages see it at once), then records it. */
  async function transition(action: CaseAction, actor: string, by: 'person' | 'system', extra: { message?: string; requestId?: string; actedAt?: string }) {
    const from = status;
    const to = guard(() => nextStatus(from, action, by));
    status = to;
    transitions += 1;
    await recordTransition({ caseId: input.caseId, seq: transitions, action, from, to, actor, ...extra });
  }
}

/** Business refusals become non-retryable failures with a stable type the API maps to 409. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TransitionError) throw ApplicationFailure.nonRetryable(err.message, 'TransitionNotAllowed');
    throw err;
  }
}

/** What stopped the case, for officers: the input, a permanent database refusal, or a bug in workflow code. */
function faultOf(caseId: string, err: unknown): CaseFault {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (cause instanceof ApplicationFailure && cause.type === 'InvalidCaseInput') return { caseId, kind: 'invalid_input', message };
  if (cause instanceof ApplicationFailure && cause.type === 'PermanentDatabaseError') return { caseId, kind: 'permanent_database_error', message };
  return { caseId, kind: 'workflow_error', message };
}

/** Workflow time is deterministic (`Date.now()` is replay-safe here); a past due date fires at once. */
function msUntil(instant: string): number {
  return Math.max(1, Date.parse(instant) - Date.now());
}
