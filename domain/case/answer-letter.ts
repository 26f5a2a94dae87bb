/**
 * What a case's path did, as far as the letters to the subject need it, and which answer that calls for. Pure:
 * the workflow keeps the facts as officers act and resolves the `answer` letter of the table with them.
 */
import type { Finding, Letter } from './legal-paths';
import type { CaseType } from './request-types';

/** Instants (ISO) of what was done; letters print them as the operator's dates. */
export interface PathFacts {
  blockedAt?: string;
  finding?: Finding;
  correctedAt?: string;
  changes?: string;
  ceasedAt?: string;
  destroyedAt?: string;
  categories?: string;
  legalGround?: string;
  /** Deletion: when an officer let the engine destroy in the systems (`approve_destruction`). */
  destructionApprovedAt?: string;
}

/** The answer to the subject: the information (access), or a notice of what was done to the data. */
export function answerLetter(type: CaseType, facts: PathFacts): Exclude<Letter, 'answer'> {
  if (type === 'access') return 'response_cover';
  if (facts.destroyedAt) return 'destruction_notice';
  if (facts.legalGround && type === 'withdrawal') return 'legal_ground_notice';
  if (type === 'cease_processing') return 'cessation_notice';
  if (facts.correctedAt) return 'correction_notice';
  if (type === 'correction' || type === 'blocking') return 'unblocking_notice'; // not confirmed, or made lawful
  return 'cessation_notice';
}
