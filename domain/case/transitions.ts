import type { CaseStatus } from './case-status';

/**
 * The one transition table. Update validators in the workflow and the API both ask it, so a rule is
 * changed in one place. `system` actions are taken by the workflow itself (timers), never by a person.
 */
export const CASE_ACTIONS = ['respond', 'refuse', 'escalate'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export type ActorKind = 'person' | 'system';

interface Transition {
  from: readonly CaseStatus[];
  to: CaseStatus;
  by: ActorKind;
}

export const TRANSITIONS: Record<CaseAction, Transition> = {
  respond: { from: ['received', 'overdue'], to: 'responded', by: 'person' },
  refuse: { from: ['received', 'overdue'], to: 'refused', by: 'person' },
  escalate: { from: ['received'], to: 'overdue', by: 'system' },
};

export class TransitionError extends Error {
  readonly code = 'transition_not_allowed';
}

/** Returns the next status, or throws a TransitionError saying why the action is not allowed now. */
export function nextStatus(status: CaseStatus, action: CaseAction, by: ActorKind): CaseStatus {
  const t = TRANSITIONS[action];
  if (t.by !== by) throw new TransitionError(`"${action}" is taken by the ${t.by === 'system' ? 'engine' : 'officer'}, not by the ${by === 'system' ? 'engine' : 'officer'}.`);
  if (!t.from.includes(status)) {
    throw new TransitionError(`A case in status "${status}" cannot be "${action}"-ed; allowed from: ${t.from.join(', ')}.`);
  }
  return t.to;
}

export function allowedActions(status: CaseStatus, by: ActorKind = 'person'): CaseAction[] {
  return CASE_ACTIONS.filter((a) => TRANSITIONS[a].by === by && TRANSITIONS[a].from.includes(status));
}
