import type { RequestType } from '../../domain/case/request-types';
import type { MessageClassifier } from '../../intake/classifier';

/** A tiny stand-in for the real classifier: one phrase per request type, anything else to triage. */
const PHRASES: Array<[RegExp, RequestType]> = [
  [/удалите|erase/i, 'deletion'], [/предоставить сведения|personal data request/i, 'access'], [/отзываю согласие/i, 'withdrawal'],
  [/прекратите обработку/i, 'cease_processing'], [/заблокируйте/i, 'blocking'], [/исправьте/i, 'correction'],
];

export const testClassifier: MessageClassifier = (m) => {
  const hit = PHRASES.find(([re]) => re.test(`${m.subject}\n${m.text}`));
  const passport = /паспорт\s+(\d{4})\s?(\d{6})/i.exec(m.text);
  return {
    classification: {
      requestType: hit?.[1] ?? null, confidence: hit ? 0.9 : 0, language: 'ru', matched: hit ? [hit[0].source] : [],
      demands: hit ? [{ type: hit[1], confidence: 0.9, matched: [hit[0].source] }] : [],
      ...(hit ? {} : { triage: 'no_match' as const }),
    },
    identity: {
      documents: passport ? [{ kind: 'passport_ru', masked: `${passport[1]!.slice(0, 2)}** ****${passport[2]!.slice(-2)}` }] : [],
      relations: [], signature: false,
    },
  };
};
