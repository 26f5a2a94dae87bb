import { describe, expect, it } from 'vitest';
import { answerLetter, type PathFacts } from '../../../domain/case/answer-letter';
import type { CaseType } from '../../../domain/case/request-types';

const AT = '2026-03-05T12:00:00+03:00';

describe('the answer a case sends the subject, from what its path did', () => {
  it.each<[string, CaseType, PathFacts, string]>([
    // Access is answered with the information itself, whatever else the facts say.
    ['access', 'access', {}, 'response_cover'],
    ['access, even with a destruction recorded', 'access', { destroyedAt: AT }, 'response_cover'],
    ['a deletion whose data were destroyed', 'deletion', { destroyedAt: AT }, 'destruction_notice'],
    ['a withdrawal whose data were destroyed, even with a ground recorded earlier', 'withdrawal', { destroyedAt: AT, legalGround: 'contract' }, 'destruction_notice'],
    ['a blocking report found unlawful and destroyed', 'blocking', { blockedAt: AT, finding: 'unlawful', destroyedAt: AT }, 'destruction_notice'],
    ['a withdrawal kept on another legal ground', 'withdrawal', { ceasedAt: AT, legalGround: 'contract' }, 'legal_ground_notice'],
    // Blocking's record_legal_ground makes the processing lawful: the data are unblocked, not kept on a ground.
    ['a blocking report made lawful', 'blocking', { blockedAt: AT, finding: 'unlawful', legalGround: 'contract' }, 'unblocking_notice'],
    ['a demand to cease', 'cease_processing', { ceasedAt: AT }, 'cessation_notice'],
    ['a demand to cease, with a correction recorded', 'cease_processing', { correctedAt: AT }, 'cessation_notice'],
    ['a correction made', 'correction', { blockedAt: AT, finding: 'inaccurate', correctedAt: AT, changes: 'адрес' }, 'correction_notice'],
    ['a blocking report found inaccurate and corrected', 'blocking', { blockedAt: AT, finding: 'inaccurate', correctedAt: AT }, 'correction_notice'],
    ['a correction not confirmed', 'correction', { blockedAt: AT, finding: 'not_confirmed' }, 'unblocking_notice'],
    ['a blocking report not confirmed', 'blocking', { blockedAt: AT, finding: 'not_confirmed' }, 'unblocking_notice'],
    ['a withdrawal with nothing else recorded', 'withdrawal', { ceasedAt: AT }, 'cessation_notice'],
  ])('%s (%s)', (_what, type, facts, letter) => {
    expect(answerLetter(type, facts)).toBe(letter);
  });
});
