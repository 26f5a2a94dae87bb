/**
 * The case's side of destruction across the operator's systems (docs/adr/012): which systems it waits for, the
 * term they work to, when the case blocks because they did not finish in time. Plain functions over the case's
 * path, used by the case workflow; the systems' own work is in system-destruction-workflow.ts.
 */
import { ParentClosePolicy, getExternalWorkflowHandle, proxyActivities, startChild } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { DESTRUCTION_NEEDS_APPROVAL, DESTRUCTION_TERM, isDestructionStep } from '../domain/case/destruction';
import { LEGAL_PATHS } from '../domain/case/legal-paths';
import { dueOf } from '../domain/case/term-due';
import type { CasePath } from './case-path';
import {
  destructionStoppedSignal, destructionTermSignal, destructionWorkflowId, type DestructionTerm, type SystemOutcome,
} from './destruction-contract';
import { systemDestructionWorkflow } from './system-destruction-workflow';

const { planDestruction } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** What the case holds of its systems' destruction; carried across runs (continue-as-new). */
export interface DestructionState {
  /** Every system of the registry when destruction began. */
  systems: string[];
  /** Systems that told the case they are finished. */
  finished: Record<string, SystemOutcome>;
  /** `act`: every system done, act issued, case moved on; `left`: the case left destruction before (the rest cancelled). */
  ended?: 'act' | 'left';
  act?: string;
}

/** The term destruction works to in the case's current step, with its reminders. */
export function destructionTermOf(p: CasePath): DestructionTerm | undefined {
  const key = DESTRUCTION_TERM[p.type]?.[p.step];
  const term = key && p.terms.find((t) => t.key === key);
  return term ? { key: term.key, ...dueOf(term), reminders: term.reminders } : undefined;
}

/** The case is in a destruction step, an officer approved it where the path asks for that, and its systems have not begun. */
export const destructionWanted = (p: CasePath) => !p.destruction && isDestructionStep(p.step) && destructionTermOf(p) !== undefined
  && (!DESTRUCTION_NEEDS_APPROVAL.includes(p.type) || !!p.facts.destructionApprovedAt);

/** One child workflow per system of the registry; each outlives a continue-as-new of the case (ABANDON). */
export async function startDestruction(p: CasePath): Promise<void> {
  const term = destructionTermOf(p)!;
  const systems = await planDestruction();
  // No system to destroy in (a worker that plans none): officers confirm the destruction as before.
  p.destruction = { systems: systems.map((s) => s.id), finished: {}, ...(systems.length === 0 ? { ended: 'left' as const } : {}) };
  p.systemRuns = [];
  for (const system of systems) {
    const child = await startChild(systemDestructionWorkflow, {
      workflowId: destructionWorkflowId(p.input.caseId, system.id),
      args: [{ caseId: p.input.caseId, system, term }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    p.systemRuns.push(child.result().then(() => undefined, () => undefined));
  }
}

const open = (d: DestructionState) => d.systems.filter((id) => !d.finished[id]);

/** Every system has finished and the case is still destroying: time to issue the act. */
export const destructionFinished = (p: CasePath) =>
  !!p.destruction && !p.destruction.ended && isDestructionStep(p.step) && open(p.destruction).length === 0;

/**
 * When the case blocks by itself (ms since epoch): at the end of the destruction term, if a system is still not done
 * and the path allows blocking there (deletion: art. 21 p.6, destroy within 6 months).
 */
export function autoBlockAt(p: CasePath): number | undefined {
  const d = p.destruction;
  if (!d || d.ended || open(d).length === 0 || !LEGAL_PATHS[p.type].steps[p.step]?.block) return undefined;
  const term = destructionTermOf(p);
  return term ? Date.parse(term.dueAt) : undefined;
}

/**
 * After a step: a case that left destruction stops the systems still open (an officer's `confirm_destruction`
 * of the whole case supersedes them); a case that moved to another destruction term tells them its new due date.
 * The signals are returned: the case waits for them before it ends, so none is left in flight by a closed case.
 */
export function followDestruction(p: CasePath, stepBefore: string): Array<Promise<void>> {
  const d = p.destruction;
  if (!d || d.ended || p.step === stepBefore) return [];
  const ids = open(d).map((id) => destructionWorkflowId(p.input.caseId, id));
  // A system that finished meanwhile no longer takes signals: that is no failure.
  if (!isDestructionStep(p.step)) {
    d.ended = 'left';
    return ids.map((id) => getExternalWorkflowHandle(id).signal(destructionStoppedSignal).catch(() => undefined));
  }
  const term = destructionTermOf(p);
  return term ? ids.map((id) => getExternalWorkflowHandle(id).signal(destructionTermSignal, term).catch(() => undefined)) : [];
}
