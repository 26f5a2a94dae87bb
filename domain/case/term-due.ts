import type { DeadlineResult } from '../legal-time/compute-deadline';

/** The due date shown for a term: the extended one once extended. Kept apart so the workflow bundle needs no calendar. */
export const dueOf = (t: { deadline: DeadlineResult; extended?: boolean }) =>
  (t.extended && t.deadline.extendedDue && t.deadline.extendedDueAt
    ? { due: t.deadline.extendedDue, dueAt: t.deadline.extendedDueAt }
    : { due: t.deadline.due, dueAt: t.deadline.dueAt });
