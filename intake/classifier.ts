/**
 * The seam between intake and the classifier (domain/intake/classify.ts, identity.ts): intake takes the
 * classifier as a parameter, so the consumer, the API and the tests share one take-in path and tests can
 * pass a tiny classifier of their own.
 */
import type { Classification, ParsedMessage, SubjectIdentity } from '../domain/intake/message';

export interface MessageClassification {
  classification: Classification;
  identity?: SubjectIdentity;
  /** What art. 14 p.3 requires and the letter lacks (identity_document, relation_to_operator …). */
  missing?: string[];
}

export type MessageClassifier = (m: ParsedMessage) => MessageClassification;

/**
 * Until the real classifier is wired in, every letter is left to an officer: it opens `unclassified` in
 * triage, which loses nothing (the officer's `classify` starts the term from the original receipt).
 */
export const triageEverything: MessageClassifier = (m) => ({
  classification: {
    requestType: null, demands: [], confidence: 0, matched: [], triage: 'no_match',
    language: /[а-яё]/i.test(`${m.subject} ${m.text}`) ? 'ru' : 'en',
  },
});
