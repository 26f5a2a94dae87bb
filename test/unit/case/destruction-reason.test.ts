import { describe, expect, it } from 'vitest';
import { DESTRUCTION_NEEDS_APPROVAL, destructionReason, isDestructionStep } from '../../../domain/case/destruction';
import { STEPS } from '../../../domain/case/legal-paths';

const LAW = 'Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»';

describe('the reason a destruction act states (Order 179 p.3 (и))', () => {
  it('cites the whole law after the article, as the act prints it', () => {
    expect(destructionReason(['destroy_on_evidence'])).toEqual({
      text: {
        ru: 'требование субъекта персональных данных об уничтожении: данные незаконно получены или не являются необходимыми для заявленной цели обработки',
        en: 'the data subject\'s demand to destroy the data: they were obtained unlawfully or are not necessary for the stated purpose',
      },
      legalBasis: `ч. 3 ст. 20 ${LAW}`,
    });
    expect(destructionReason(['consent_withdrawn']).text.en).toBe('the data subject withdrew consent to processing');
    expect(destructionReason(['purpose_achieved']).text.ru).toBe('достижение цели обработки персональных данных');
    expect(destructionReason(['destroy_unlawful']).text.en).toBe('unlawful processing was found that cannot be made lawful');
  });

  it('takes the first of the case\'s rules that is a destruction ground, skipping the others', () => {
    expect(destructionReason(['block_on_report', 'consent_withdrawn', 'destroy_unlawful']).legalBasis).toBe(`ч. 5 ст. 21 ${LAW}`);
  });

  it('falls back to the subject\'s request under art. 21 when no rule is a destruction ground', () => {
    expect(destructionReason(['block_on_report'])).toEqual({
      text: { ru: 'требование субъекта персональных данных', en: 'the data subject\'s request' },
      legalBasis: `ст. 21 ${LAW}`,
    });
  });

  it('adds the deferral by blocking (art. 21 p.6) to the text in both languages and to the legal basis', () => {
    expect(destructionReason(['purpose_achieved', 'destroy_fallback'])).toEqual({
      text: {
        ru: 'достижение цели обработки персональных данных; уничтожение в срок было невозможно, данные были заблокированы (ч. 6 ст. 21)',
        en: 'the purpose of processing has been achieved; destruction in time was impossible, the data were blocked (art. 21 p.6)',
      },
      legalBasis: `ч. 4 ст. 21 ${LAW}; ч. 6 ст. 21 ${LAW}`,
    });
  });
});

describe('where the engine destroys', () => {
  it('only in the two destruction steps; only a deletion waits for an officer\'s approval', () => {
    expect(STEPS.filter(isDestructionStep)).toEqual(['destroying', 'destroying_deferred']);
    expect(DESTRUCTION_NEEDS_APPROVAL).toEqual(['deletion']);
  });
});
