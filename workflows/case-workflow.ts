import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { isFinal, type CaseStatus } from '../domain/case/case-status';
import { TransitionError, nextStatus, type CaseAction } from '../domain/case/transitions';
import { caseActionUpdate, caseStateQuery, type ActionRequest, type CaseOpened, type CaseState } from './case-contract';

const { recordCaseOpened, recordTransition } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One data-subject request, from receipt to its final answer. It knows its statutory deadline,
 * escalates by itself when the term ends unanswered, and accepts officers' actions as Updates
 * validated against the transition table.
 */
export async function caseWorkflow(input: CaseOpened): Promise<CaseState> {
  let status: CaseStatus = 'received';
  let transitions = 0;
  const state = (): CaseState => ({
    caseId: input.caseId, status, due: input.deadline.due, dueAt: input.deadline.dueAt, transitions,
  });

  setHandler(caseStateQuery, state);
  setHandler(
    caseActionUpdate,
    async ({ action, actor, note, requestId }: ActionRequest) => {
      await transition(action, actor, 'person', note, requestId);
      return state();
    },
    { validator: ({ action }: ActionRequest) => guard(() => nextStatus(status, action, 'person')) },
  );

  await recordCaseOpened(input);

  const answeredInTime = await condition(() => isFinal(status), msUntil(input.deadline.dueAt));
  if (!answeredInTime && status === 'received') {
    await transition('escalate', 'engine', 'system', `Statutory term (${input.deadline.rule}) ended on ${input.deadline.due} without a response.`);
  }
  await condition(() => isFinal(status));
  await condition(allHandlersFinished);
  return state();

  /** Changes status synchronously (so concurrent messages see it at once), then records it. */
  async function transition(action: CaseAction, actor: string, by: 'person' | 'system', message?: string, requestId?: string) {
    const from = status;
    const to = guard(() => nextStatus(from, action, by));
    status = to;
    transitions += 1;
    await recordTransition({ caseId: input.caseId, seq: transitions, action, from, to, actor, message, requestId });
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

/** Workflow time is deterministic (`Date.now()` is replay-safe here); a past due date fires at once. */
function msUntil(instant: string): number {
  return Math.max(1, Date.parse(instant) - Date.now());
}
