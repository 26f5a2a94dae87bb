/**
 * Destruction across the operator's systems, as the case's path sees it (docs/adr/012). Pure: the workflow asks
 * which steps run the per-system destruction and which term it works to; the act reads the reason and legal basis.
 */
import type { RuleId } from '../legal-time/rules';
import type { Step, TermKey } from './legal-paths';
import type { CaseType } from './request-types';

/** The steps in which the data are to be destroyed in every system of the registry. */
export const DESTRUCTION_STEPS: readonly Step[] = ['destroying', 'destroying_deferred'];

export const isDestructionStep = (step: Step) => DESTRUCTION_STEPS.includes(step);

/**
 * Paths that reach destruction at receipt, before any officer has looked at the request: the engine destroys in the
 * systems only after an officer's `approve_destruction` (identity and ground checked; destruction cannot be undone).
 * The other paths reach destruction only through an officer's own action (a finding, a decision, a block).
 */
export const DESTRUCTION_NEEDS_APPROVAL: readonly CaseType[] = ['deletion'];

/** The term destruction must meet in a step: the one `confirm_destruction` meets there (legal-paths.ts). */
export const DESTRUCTION_TERM: Partial<Record<CaseType, Partial<Record<Step, TermKey>>>> = {
  deletion: { destroying: 'answer', destroying_deferred: 'fallback' },
  blocking: { destroying: 'destroy' },
  withdrawal: { destroying_deferred: 'fallback' },
};

export interface Bilingual { ru: string; en: string }

/** Why the data were destroyed and on which legal basis (Order 179 p.3 (и)), by the rule of the term destruction met. */
export interface DestructionReason { text: Bilingual; legalBasis: string }

const LAW = 'Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»';

export const DESTRUCTION_REASONS: Partial<Record<RuleId, DestructionReason>> = {
  destroy_on_evidence: {
    text: { ru: 'требование субъекта персональных данных об уничтожении: данные незаконно получены или не являются необходимыми для заявленной цели обработки', en: 'the data subject\'s demand to destroy the data: they were obtained unlawfully or are not necessary for the stated purpose' },
    legalBasis: `ч. 3 ст. 20 ${LAW}`,
  },
  purpose_achieved: {
    text: { ru: 'достижение цели обработки персональных данных', en: 'the purpose of processing has been achieved' },
    legalBasis: `ч. 4 ст. 21 ${LAW}`,
  },
  consent_withdrawn: {
    text: { ru: 'отзыв субъектом персональных данных согласия на их обработку', en: 'the data subject withdrew consent to processing' },
    legalBasis: `ч. 5 ст. 21 ${LAW}`,
  },
  destroy_unlawful: {
    text: { ru: 'выявление неправомерной обработки персональных данных, правомерность которой обеспечить невозможно', en: 'unlawful processing was found that cannot be made lawful' },
    legalBasis: `ч. 3 ст. 21 ${LAW}`,
  },
};

/** A destruction deferred by blocking (art. 21 p.6) keeps the reason of the term it could not meet, and says so. */
const DEFERRED = { ru: '; уничтожение в срок было невозможно, данные были заблокированы (ч. 6 ст. 21)', en: '; destruction in time was impossible, the data were blocked (art. 21 p.6)' };

/** The reason for the act from the rules of the case's terms (first the one that started destruction). */
export function destructionReason(rules: readonly RuleId[]): DestructionReason {
  const found = rules.map((r) => DESTRUCTION_REASONS[r]).find((r) => r !== undefined);
  const reason = found ?? { text: { ru: 'требование субъекта персональных данных', en: 'the data subject\'s request' }, legalBasis: `ст. 21 ${LAW}` };
  if (!rules.includes('destroy_fallback')) return reason;
  return { text: { ru: reason.text.ru + DEFERRED.ru, en: reason.text.en + DEFERRED.en }, legalBasis: `${reason.legalBasis}; ч. 6 ст. 21 ${LAW}` };
}
