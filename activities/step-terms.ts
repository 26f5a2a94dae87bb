import { planTerm, termFrom } from '../domain/case/terms';
import type { TermStart } from '../domain/case/legal-paths';
import type { CaseTerm } from '../domain/case/terms';
import type { ReminderContext } from './reminder-plans';

export interface StepTermsRequest {
  starts: TermStart[];
  receivedAt: string;
  /** The case's terms with their due dates (a term may count from the end of another: `due:<key>`). */
  terms: Array<Pick<CaseTerm, 'key'> & { due: string }>;
  /** When the step is taken: reminders already past then are left out. */
  actedAt: string;
}

/**
 * The terms a step the engine takes by itself starts (the automatic `block` of a destruction not finished in time
 * starts `destroy_fallback`), computed on the worker's production calendar as the API computes an officer's (ADR 003):
 * the workflow gets them as data and a replay reads them from history.
 */
export const planStepTerms = (ctx: ReminderContext) => async (req: StepTermsRequest): Promise<CaseTerm[]> =>
  req.starts.map((s) => planTerm(s.key, s.rule, termFrom(s, { receivedAt: req.receivedAt, terms: req.terms }), { ...ctx, reminderPolicy: ctx.reminderPolicy }, req.actedAt));
