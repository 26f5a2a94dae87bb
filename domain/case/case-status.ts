import type { Outcome } from './legal-paths';

/** Lifecycle of a case. One audit event is written for every change of status. */
export const CASE_STATUSES = [
  'received', // registered; its statutory terms are running and none has ended unmet
  'overdue', // a term ended unmet; escalated, and what the law requires is still owed
  'responded', // the answer (or the action the subject demanded) was completed and sent: final
  'refused', // a reasoned refusal citing the legal ground was sent: final
  'closed', // ended without an answer (the subject withdrew the request, a duplicate), reason in the history: final
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const FINAL_STATUSES: readonly CaseStatus[] = ['responded', 'refused', 'closed'];
export const isFinal = (status: CaseStatus) => FINAL_STATUSES.includes(status);

/** The status an outcome gives the case. */
export const STATUS_OF_OUTCOME: Record<Outcome, CaseStatus> = { responded: 'responded', refused: 'refused', closed: 'closed' };
