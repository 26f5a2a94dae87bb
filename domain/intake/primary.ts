/**
 * Which demand a letter's case opens on when it makes several: the order of protection, then two things the subject
 * says themselves — the article they cite, and that the removal they ask for is only of the number they are called on.
 */
import type { RequestType } from '../case/request-types';
import type { Demand } from './message';

/**
 * The order of protection, with the law in mind:
 * 1. withdrawal — unconditional (no evidence needed) and ends in stop + destroy (art. 21 p.5): it covers a
 *    deletion or cease demand made beside it;
 * 2. blocking — due at once (art. 21 p.1, no days), and its path leads to destruction when the processing proves
 *    unlawful (art. 21 p.3): "block + destroy + where did you get my data" must not wait behind a 7-day term;
 * 3. deletion — destroys (art. 20 p.3), which also ends the processing;
 * 4. cease_processing — stops the processing (art. 21 p.5.1) but keeps the data;
 * 5. correction — changes the data (its path blocks first as well);
 * 6. access — information only; every other answer tells the subject what was done anyway.
 */
export const PRIMARY_ORDER: readonly RequestType[] = ['withdrawal', 'blocking', 'deletion', 'cease_processing', 'correction', 'access'];

export interface PrimaryEvidence {
  /** Types a provision the letter cites names alone (ч. 5.1 ст. 21 → cease_processing), raising a demand it makes. */
  cited: ReadonlySet<RequestType>;
  /** Every deletion phrase names only a contact detail (мой номер, my e-mail), and a cease phrase names contacting. */
  removalOfContact: boolean;
}

/**
 * The first of the sure demands (listed in PRIMARY_ORDER), except that:
 * - a demand under the provision the subject cites goes before deletion, cease_processing and correction: the subject
 *   chose the path ("прекратить обработку и удалить" under art. 21 p.5.1 is the cease demand, with deletion second).
 *   Withdrawal and blocking keep their place (they cover or precede every other path), and a cited access never goes
 *   before a demand that acts on the data;
 * - "stop calling me and remove my number" is a demand to stop contacting (art. 15 p.2: at once; art. 21 p.5.1):
 *   removing the number is how, so cease_processing opens and deletion is listed second. PRIMARY_ORDER itself stays:
 *   a deletion of the data themselves still comes before cease ("stop processing and erase my data").
 */
export function primaryOf(demands: readonly Demand[], confident: number, evidence: PrimaryEvidence): Demand | undefined {
  const sure = demands.filter((d) => d.confidence >= confident);
  const first = sure[0];
  if (first === undefined || first.type === 'withdrawal' || first.type === 'blocking') return first;
  const cited = sure.find((d) => evidence.cited.has(d.type) && d.type !== 'access');
  if (cited) return cited;
  const cease = sure.find((d) => d.type === 'cease_processing');
  return first.type === 'deletion' && cease && evidence.removalOfContact ? cease : first;
}
