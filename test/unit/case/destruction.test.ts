import { describe, expect, it } from 'vitest';
import { DESTRUCTION_TERM, destructionReason, isDestructionStep } from '../../../domain/case/destruction';
import { LEGAL_PATHS, type Step } from '../../../domain/case/legal-paths';
import type { CaseType } from '../../../domain/case/request-types';

describe('destruction in the case\'s path', () => {
  it('works to the term each destruction step\'s confirm_destruction meets', () => {
    for (const [type, steps] of Object.entries(DESTRUCTION_TERM) as Array<[CaseType, Record<string, string>]>) {
      for (const [step, term] of Object.entries(steps)) {
        expect(isDestructionStep(step as Step)).toBe(true);
        const move = LEGAL_PATHS[type].steps[step as Step]?.confirm_destruction;
        expect(move && 'meets' in move ? move.meets : [], `${type}/${step}`).toContain(term);
      }
    }
  });

  it('states the reason and legal basis of the term destruction met (Order 179 p.3 (и))', () => {
    expect(destructionReason(['destroy_on_evidence']).legalBasis).toMatch(/^ч\. 3 ст\. 20 /);
    expect(destructionReason(['purpose_achieved']).legalBasis).toMatch(/^ч\. 4 ст\. 21 /);
    expect(destructionReason(['consent_withdrawn', 'destroy_fallback']).legalBasis).toMatch(/^ч\. 5 ст\. 21 .*; ч\. 6 ст\. 21 /);
    expect(destructionReason(['block_on_report', 'cease_unlawful', 'destroy_unlawful']).legalBasis).toMatch(/^ч\. 3 ст\. 21 /);
  });

  it('says when destruction was deferred by blocking (art. 21 p.6), in both languages', () => {
    const r = destructionReason(['destroy_on_evidence', 'destroy_fallback']);
    expect(r.text.ru).toMatch(/данные были заблокированы \(ч\. 6 ст\. 21\)$/);
    expect(r.text.en).toMatch(/the data were blocked \(art\. 21 p\.6\)$/);
    expect(destructionReason(['destroy_on_evidence']).text.ru).not.toMatch(/заблокированы/);
  });
});
