import { computeDeadline, type Calendar, type DeadlineResult, type InternalTerms } from '../legal-time';
import { LEGAL_PATHS } from './legal-paths';
import type { RequestType } from './request-types';

/** The first term a request of this type starts at receipt: the one recorded on the case row. */
export function openingTerm(
  type: RequestType,
  receivedAt: string,
  ctx: { calendar: Calendar; timeZone: string; internalTerms?: InternalTerms },
): DeadlineResult {
  return computeDeadline({ rule: LEGAL_PATHS[type].opening[0]!.rule, from: receivedAt }, ctx);
}
