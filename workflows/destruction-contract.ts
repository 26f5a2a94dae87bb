/**
 * What the case workflow, the systems' destruction workflows and the API agree on (docs/adr/012). Free of I/O so
 * the workflow bundle and the API can both import it.
 */
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ScheduledReminder } from '../domain/case/reminders';
import type { TermKey } from '../domain/case/legal-paths';

/** The term a system's destruction works to, with the reminders its owner gets (the case's own schedule). */
export interface DestructionTerm {
  key: TermKey;
  due: string;
  dueAt: string;
  reminders: ScheduledReminder[];
}

/** One system of the registry, as the case's destruction plan names it. */
export interface PlannedSystem {
  id: string;
  /** `connector`: the engine destroys through it; `manual`: the owner does and confirms. */
  kind: 'connector' | 'manual';
  owner: { name: string; position: string; email: string };
}

export interface SystemDestructionInput {
  caseId: string;
  system: PlannedSystem;
  term: DestructionTerm;
}

/** What the owner (or an officer) states when a system's data are destroyed by hand. */
export interface SystemConfirmation {
  method: string;
  destroyedAt: string;
  destroyedBy: { name: string; position: string };
  note?: string;
  /** Non-automated systems (paper): the number of sheets destroyed (Order 179 p.3 (е)). */
  sheets?: number;
  /** Who sent it (the API's principal), and the client's Idempotency-Key. */
  actor: string;
  requestId?: string;
}

export type SystemOutcome = 'done' | 'nothing_found' | 'cancelled';

export interface SystemResult {
  systemId: string;
  status: SystemOutcome;
}

export const destructionWorkflowId = (caseId: string, systemId: string) => `${caseId}:destroy:${systemId}`;

/** The owner's confirmation of a manual task (or of a system whose connector failed for good). */
export const confirmSystemDestructionUpdate = defineUpdate<SystemResult, [SystemConfirmation]>('confirmSystemDestruction');
/** The case moved to another term (blocked: `destroy_fallback`): the owner's reminders follow it. */
export const destructionTermSignal = defineSignal<[DestructionTerm]>('destructionTerm');
/**
 * The case left destruction before this system was done (an officer confirmed the whole case, or closed it): the
 * task stops and says so. A signal rather than a cancellation request, which the system finishes on its own terms.
 */
export const destructionStoppedSignal = defineSignal('destructionStopped');
/** Sent by each system's workflow to its case when it is done: the case counts systems across its runs. */
export const systemDestroyedSignal = defineSignal<[SystemResult]>('systemDestroyed');
