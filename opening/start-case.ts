import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { openingTerms } from '../domain/case/terms';
import { isLegalTimeError } from '../domain/legal-time';
import { insertCaseRow } from '../activities/case-rows';
import { caseWorkflow } from '../workflows';
import type { CaseOpened } from '../workflows/case-contract';
import { OpeningRefused, type CaseOpeningDeps, type OpenCaseInput } from './opening-input';
import { repeatOf } from './repeat-request';

const START_TIMEOUT_MS = 10_000;

/**
 * Steps 2 and 3 of ADR 005 for a case number already reserved (under `idempotencyKey`): start the workflow,
 * then write the row. Repeating it with the same number and key is a no-op, so a retry after a crash is safe.
 */
export async function startReservedCase(
  deps: CaseOpeningDeps, body: OpenCaseInput,
  c: { caseId: string; openedBy: string; idempotencyKey?: string; actedAt: string; terms?: ReturnType<typeof termsOf> },
): Promise<void> {
  const terms = c.terms ?? termsOf(deps, body, c.actedAt);
  // A letter not yet classified cannot repeat an earlier request of a type; classify decides that.
  const repeat = body.type === 'unclassified' ? undefined : await repeatOf(deps.pg, { ...body, type: body.type }, deps.legalTime);
  const opened: CaseOpened = {
    caseId: c.caseId, type: body.type, channel: body.channel, receivedAt: new Date(body.receivedAt).toISOString(),
    subject: body.subject, deadline: terms[0]!.deadline, terms, openedBy: c.openedBy, idempotencyKey: c.idempotencyKey, actedAt: c.actedAt,
    ...(body.language ? { language: body.language } : {}),
    ...(body.withoutAcknowledgement ? { withoutAcknowledgement: true } : {}),
    ...(repeat ? { repeatOf: repeat } : {}),
    ...(deps.config.temporal.searchAttributes ? { searchAttributes: true } : {}),
  };
  await startCaseWorkflow(deps, opened);
  await insertCaseRow(deps.pg, opened);
}

async function startCaseWorkflow(app: CaseOpeningDeps, opened: CaseOpened): Promise<void> {
  try {
    // Bounded: an unreachable Temporal leaves the opening pending (opening/open.ts) instead of hanging the request.
    await app.temporal.withDeadline(Date.now() + START_TIMEOUT_MS, () => app.temporal.workflow.start(caseWorkflow, {
      workflowId: opened.caseId,
      taskQueue: app.config.temporal.taskQueue,
      args: [opened],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    }));
  } catch (err) {
    // The number is this opening's alone (reserved with its case_openings row, in the accepting transaction):
    // an existing workflow with it was started by an earlier attempt of this same opening — a retry, the
    // reconciler, or a start whose answer was lost while Temporal was stalled — and is this case. It is not
    // started twice, so it does not acknowledge twice.
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw err;
  }
}

/** The terms the request starts at receipt, with their reminders (ADR 003: computed once, here). */
export function termsOf(app: CaseOpeningDeps, body: OpenCaseInput, openedAt: string) {
  if (body.ground && body.type !== 'deletion') {
    throw new OpeningRefused(400, 'ground_not_allowed', `"ground" chooses the term of a deletion request; a ${body.type} request has one term: remove "ground".`);
  }
  try {
    return openingTerms(body.type, body.receivedAt, { ...app.legalTime, reminderPolicy: app.config.reminderPolicy }, body.ground, openedAt);
  } catch (err) {
    if (isLegalTimeError(err)) throw new OpeningRefused(400, err.code, err.message);
    throw err;
  }
}
