/**
 * The seam between intake and the classifier (domain/intake/classify.ts, identity.ts): intake takes the
 * classifier as a parameter, so the consumer, the API and the tests share one take-in path and tests can
 * pass a tiny classifier of their own.
 */
import type { Classification, ParsedMessage, SubjectIdentity } from '../domain/intake/message';
import { understand } from './understand';

export interface MessageClassification {
  classification: Classification;
  identity?: SubjectIdentity;
  /** What art. 14 p.3 requires and the letter lacks (identity_document, relation_to_operator …). */
  missing?: string[];
}

export type MessageClassifier = (m: ParsedMessage) => MessageClassification;

/** The engine's classifier: the pure demand classifier and identity reader (intake/understand.ts). */
export const classifyMessage: MessageClassifier = understand;
