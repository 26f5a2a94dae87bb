// Vitest setup file for the unit target under Stryker: a failing property ends at its first
// counterexample instead of shrinking it. Pass or fail is unchanged; a killed mutant is known at once
// instead of after a shrink that can outlast the mutant's time limit and be counted as a timeout.
import fc from 'fast-check';

fc.configureGlobal({ endOnFailure: true });
