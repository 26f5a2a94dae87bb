/** Lifecycle of a case. One audit event is written for every change of status. */
export const CASE_STATUSES = [
  'received', // registered; the statutory term is running and no answer has been sent yet
  'overdue', // the term ended without a response; escalated, and the answer is still owed
  'responded', // the answer (or the action the subject demanded) was completed and sent: final
  'refused', // a reasoned refusal citing the legal ground was sent: final
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const FINAL_STATUSES: readonly CaseStatus[] = ['responded', 'refused'];
export const isFinal = (status: CaseStatus) => FINAL_STATUSES.includes(status);
