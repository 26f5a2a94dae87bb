/**
 * Terms an operator's policy promises (e.g. JUG Ru §9.5: deletion within 10 WD, +5) against the statute.
 * A promise can only make the engine stricter: a shorter or equal one becomes the internal term, a longer
 * one (or an extension the statute does not give) cannot loosen the law. Such a promise is applied as the
 * statute and reported as a conflict, so the operator learns its policy says more than the law allows,
 * while the engine keeps counting the statutory term instead of refusing to start.
 */
import { LegalTimeError } from './errors';
import type { InternalTerms } from './internal-terms';
import { RULES, type RuleId, type TermUnit } from './rules';

export interface PromisedTerm {
  readonly n: number;
  readonly unit: TermUnit;
  /** Where the policy promises it, e.g. "§9.5". */
  readonly clause: string;
  /** An extension the policy allows itself, in working days. */
  readonly extension?: { readonly n: number };
}

export type PromisedTerms = Partial<Record<RuleId, PromisedTerm>>;

export interface TermConflict {
  readonly rule: RuleId;
  readonly clause: string;
  readonly promised: { readonly n: number; readonly unit: TermUnit; readonly extension: number | null };
  readonly statutory: { readonly n: number; readonly unit: TermUnit; readonly extension: number | null; readonly basis: string };
  /** What the engine counts instead: the statutory term. */
  readonly applied: { readonly n: number; readonly unit: TermUnit };
  readonly message: string;
}

export interface SplitPromises {
  readonly applied: InternalTerms;
  readonly conflicts: readonly TermConflict[];
}

function describe(n: number, unit: TermUnit, extension: number | null): string {
  const ext = extension === null ? ', no extension' : ` (+${extension} working_days)`;
  return `${n} ${unit}${ext}`;
}

function conflictOf(rule: RuleId, promise: PromisedTerm): TermConflict | undefined {
  const law = RULES[rule];
  const lawExtension = law.extension?.n ?? null;
  const promisedExtension = promise.extension?.n ?? null;
  const longer = promise.n > law.n;
  const extensionBeyondLaw = promisedExtension !== null && (lawExtension === null || promisedExtension > lawExtension);
  if (!longer && !extensionBeyondLaw) return undefined;
  const promised = { n: promise.n, unit: promise.unit, extension: promisedExtension };
  const statutory = { n: law.n, unit: law.unit, extension: lawExtension, basis: law.basis };
  return Object.freeze({
    rule, clause: promise.clause, promised, statutory,
    applied: { n: Math.min(promise.n, law.n), unit: law.unit },
    message: `policy ${promise.clause} promises "${rule}" in ${describe(promise.n, promise.unit, promisedExtension)}, ` +
      `beyond the statute's ${describe(law.n, law.unit, lawExtension)} (${law.basis}); the statutory term is applied`,
  });
}

/**
 * Splits promises into the internal terms to apply (each at most the statute) and the conflicts.
 * Throws LegalTimeError when a promise is not in the statute's unit: comparing 5 working days with
 * 30 calendar days depends on the calendar, so the profile must state the promise in the rule's unit.
 */
export function splitPromisedTerms(promises: PromisedTerms): SplitPromises {
  const applied: Record<string, { n: number }> = {};
  const conflicts: TermConflict[] = [];
  for (const [id, promise] of Object.entries(promises) as [RuleId, PromisedTerm | undefined][]) {
    const law = RULES[id];
    if (!law) throw new LegalTimeError('unknown_rule', `promised term for unknown rule "${id}"`);
    if (!promise) continue;
    if (promise.unit !== law.unit) {
      throw new LegalTimeError('invalid_internal_term', `promised term for "${id}" is in ${promise.unit}; state it in ${law.unit}, the statute's unit`);
    }
    if (!Number.isInteger(promise.n) || promise.n < 0) {
      throw new LegalTimeError('invalid_internal_term', `promised term for "${id}" must be a whole number ≥ 0, got ${promise.n}`);
    }
    const conflict = conflictOf(id, promise);
    if (conflict) conflicts.push(conflict);
    applied[id] = Object.freeze({ n: Math.min(promise.n, law.n) });
  }
  return Object.freeze({ applied: Object.freeze(applied) as InternalTerms, conflicts: Object.freeze(conflicts) });
}
