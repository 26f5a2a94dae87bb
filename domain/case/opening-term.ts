import { computeDeadline, type Calendar, type DeadlineResult, type InternalTerms } from '../legal-time';
import { OPENING_RULE, type RequestType } from './request-types';

/** The statutory term that starts when a request of this type is received. The single place intake asks. */
export function openingTerm(
  type: RequestType,
  receivedAt: string,
  ctx: { calendar: Calendar; timeZone: string; internalTerms?: InternalTerms },
): DeadlineResult {
  return computeDeadline({ rule: OPENING_RULE[type], from: receivedAt }, ctx);
}
