/**
 * What Temporal can search cases by (the Web UI, `temporal workflow list --query`): type, status, step, the due
 * instant of the earliest running term, the overdue flag and the assignee. Never the subject's personal data.
 * Registered on the namespace by `npm start` and the test setup (platform/dev-temporal.ts) and, on a cluster, with
 * `temporal operator search-attribute create` (README). Shared by the API (start) and the workflow (upserts).
 */
import { defineSearchAttributeKey, type SearchAttributeUpdatePair } from '@temporalio/common';
import { dueOf } from '../domain/case/term-due';
import type { CaseStatus } from '../domain/case/case-status';
import type { Step } from '../domain/case/legal-paths';
import type { CaseTerm, Person } from './case-contract';

export const CASE_SEARCH_ATTRIBUTES = {
  type: defineSearchAttributeKey('DsarCaseType', 'KEYWORD'),
  status: defineSearchAttributeKey('DsarStatus', 'KEYWORD'),
  step: defineSearchAttributeKey('DsarStep', 'KEYWORD'),
  dueAt: defineSearchAttributeKey('DsarDueAt', 'DATETIME'),
  overdue: defineSearchAttributeKey('DsarOverdue', 'BOOL'),
  assignee: defineSearchAttributeKey('DsarAssignee', 'KEYWORD'),
} as const;

/** `--search-attribute` values for `temporal server start-dev` and `operator search-attribute create`. */
export const SEARCH_ATTRIBUTE_REGISTRATIONS: Array<[string, 'Keyword' | 'Datetime' | 'Bool']> = [
  ['DsarCaseType', 'Keyword'], ['DsarStatus', 'Keyword'], ['DsarStep', 'Keyword'], ['DsarDueAt', 'Datetime'],
  ['DsarOverdue', 'Bool'], ['DsarAssignee', 'Keyword'],
];

/** The attributes of a case as it is now. */
export function caseSearchAttributes(c: { type: string; status: CaseStatus; step: Step; terms: CaseTerm[]; assignee?: Person }): SearchAttributeUpdatePair[] {
  const open = c.terms.filter((t) => t.status === 'running' || t.status === 'overdue').map((t) => dueOf(t).dueAt).sort();
  const K = CASE_SEARCH_ATTRIBUTES;
  return [
    { key: K.type, value: c.type },
    { key: K.status, value: c.status },
    { key: K.step, value: c.step },
    { key: K.dueAt, value: open[0] ? new Date(open[0]) : null },
    { key: K.overdue, value: c.status === 'overdue' || c.terms.some((t) => t.status === 'overdue') },
    { key: K.assignee, value: c.assignee?.name ?? null },
  ];
}
