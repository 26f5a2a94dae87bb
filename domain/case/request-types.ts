/**
 * What the subject asked for, and the statutory term (rule id from 152-fz.md) that starts at receipt.
 * The rule decides the deadline; the request type decides what the workflow must end in.
 */
export const REQUEST_TYPES = ['access', 'correction', 'blocking', 'withdrawal', 'deletion', 'cease_processing'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/**
 * What a case can be: one of the six requests, or `unclassified` — a letter intake could not classify with
 * confidence, waiting in the `triage` step for an officer to say which request it is (or to close it).
 */
export const CASE_TYPES = [...REQUEST_TYPES, 'unclassified'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const OPENING_RULE = {
  access: 'access', // art. 14 p.3 / art. 20 p.1: information about processing, 10 WD (+5)
  correction: 'rectify_on_evidence', // art. 20 p.3: changes within 7 WD of the evidence
  blocking: 'block_on_report', // art. 21 p.1: block at once for the verification period
  withdrawal: 'consent_withdrawn', // art. 21 p.5: stop and destroy within 30 calendar days
  deletion: 'destroy_on_evidence', // art. 20 p.3: destroy within 7 WD of the evidence (or purpose_achieved, chosen at intake)
  cease_processing: 'demand_cease', // art. 21 p.5.1: stop processing within 10 WD (+5)
} as const satisfies Record<RequestType, string>;

export const CHANNELS = ['email', 'web', 'post', 'in_person'] as const;
export type Channel = (typeof CHANNELS)[number];
