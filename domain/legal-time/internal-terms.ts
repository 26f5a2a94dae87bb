/**
 * Internal (stricter) terms: an operator may promise or require a shorter
 * term than the statute (e.g. a policy answering in 5 WD). Same unit as the
 * statute; equal is allowed, longer is refused — a longer internal term would
 * let the workflow sit past the statutory deadline.
 */
import { LegalTimeError } from './errors';
import { isRuleId, RULE_IDS, RULES, type Rule, type RuleId } from './rules';

export interface InternalTerm {
  readonly n: number;
}

export type InternalTerms = Partial<Record<RuleId, InternalTerm>>;

export function checkInternalTerm(rule: Rule, term: unknown): InternalTerm {
  const n = typeof term === 'object' && term !== null ? (term as { n?: unknown }).n : undefined;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new LegalTimeError(
      'invalid_internal_term',
      `internal term for "${rule.id}" must be {"n": <integer ≥ 0>} in ${rule.unit}, got ${JSON.stringify(term)}`,
    );
  }
  if (n > rule.n) {
    throw new LegalTimeError(
      'internal_term_longer_than_statute',
      `internal term for "${rule.id}" is ${n} ${rule.unit}, longer than the statutory maximum of ${rule.n} ${rule.unit} ` +
        `(${rule.basis}); configure at most ${rule.n}`,
    );
  }
  return Object.freeze({ n });
}

/** Validates an operator's map of internal terms; returns a frozen copy. */
export function validateInternalTerms(map: unknown): InternalTerms {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new LegalTimeError('invalid_internal_term', 'internal terms must be an object like {"access": {"n": 5}}');
  }
  const result: InternalTerms = {};
  for (const [id, term] of Object.entries(map)) {
    if (!isRuleId(id)) {
      throw new LegalTimeError('unknown_rule', `internal terms name unknown rule "${id}"; valid rules: ${RULE_IDS.join(', ')}`);
    }
    result[id] = checkInternalTerm(RULES[id], term);
  }
  return Object.freeze(result);
}
