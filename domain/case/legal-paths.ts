/**
 * The law's path for each request type, as one table a lawyer can read top to bottom (152-FZ arts. 14, 20, 21;
 * rule ids and terms in shared/reference/152-fz.md and domain/legal-time/rules.ts).
 *
 * A case is always in one STEP. In each step the table lists the ACTIONS an officer may take, where each leads,
 * which statutory TERMS it starts or meets, and which LETTERS go out. The workflow follows this table, its
 * Update validators and the API ask it (decide.ts), and it is tested on its own (test/unit/case/legal-paths.test.ts).
 */
import type { RuleId } from '../legal-time/rules';
import type { CaseType } from './request-types';

export const STEPS = [
  'triage', // intake could not tell which request the letter is: an officer classifies it (or closes it)
  'review', // access: checking the request's content (art. 14 p.3) and gathering the art. 14 p.7 information
  'awaiting_information', // what the request lacks was asked for; the term keeps running (no pause under 152-FZ)
  'blocking', // the data must be blocked at once (art. 21 p.1)
  'verification', // blocked; verifying the subject's evidence or report (art. 21 p.1–2)
  'correcting', // evidence confirmed: make the changes within 7 WD of the evidence (art. 20 p.3, art. 21 p.2)
  'ceasing', // stop the processing (art. 21 p.3, p.5, p.5.1)
  'deciding', // withdrawal: record another legal ground to keep the data, or destroy it (art. 21 p.5)
  'destroying', // destroy the data within the term (art. 20 p.3, art. 21 p.3–5)
  'destroying_deferred', // destruction impossible in time: blocked, destroy within 6 months (art. 21 p.6)
  'unblocking', // lift the block (art. 21 p.2)
  'answering', // tell the subject (and recipients of the data) what was done
  'done', // closed: responded, refused or closed without an answer
] as const;
export type Step = (typeof STEPS)[number];

export const OFFICER_ACTIONS = [
  'assign', 'classify', 'request_information', 'record_information', 'extend', 'block', 'unblock', 'correct', 'cease',
  'approve_destruction', 'confirm_destruction', 'record_legal_ground', 'respond', 'refuse', 'close',
] as const;
export type OfficerAction = (typeof OFFICER_ACTIONS)[number];

/** What a verification found (`record_information` in the verification step). */
export const FINDINGS = ['inaccurate', 'unlawful', 'not_confirmed'] as const;
export type Finding = (typeof FINDINGS)[number];

/** Deletion: the officer picks the ground at intake (art. 20 p.3 evidence, or art. 21 p.4 purpose achieved). */
export const DELETION_GROUNDS = { evidence: 'destroy_on_evidence', purpose_achieved: 'purpose_achieved' } as const;
export type DeletionGround = keyof typeof DELETION_GROUNDS;

/** A term a step starts: its key on the case, its rule, and the instant day 0 counts from. */
export interface TermStart {
  key: TermKey;
  rule: RuleId;
  /** receipt = the request's receipt; finding = the date the officer gives (evidence, detection); due:<key> = end of that term. */
  from: 'receipt' | 'finding' | `due:${TermKey}`;
}
export type TermKey = 'answer' | 'block' | 'rectify' | 'cease' | 'destroy' | 'fallback' | 'triage';

export type Letter =
  | 'acknowledgement' | 'information_request' | 'extension_notice' | 'response_cover' | 'refusal'
  | 'correction_notice' | 'blocking_notice' | 'unblocking_notice' | 'destruction_notice' | 'cessation_notice'
  | 'legal_ground_notice' | 'recipient_notice'
  /** The answer this case's path calls for (domain/case/answer-letter.ts: what was done decides it). */
  | 'answer';

export type Outcome = 'responded' | 'refused' | 'closed';

export interface Move {
  to: Step;
  starts?: readonly TermStart[];
  /** Terms this action fulfils: they stop running (and stop reminding). */
  meets?: readonly TermKey[];
  letters?: readonly Letter[];
  /** Set on the moves that close the case. */
  outcome?: Outcome;
  /**
   * A permission given once: taken again, the action is answered as the first time was and changes nothing
   * (no second audit event, no second start), so a double click or a client's retry is harmless.
   */
  once?: true;
}

/** One action in one step: a single move, or one move per finding. */
export type Rule = Move | { byFinding: Partial<Record<Finding, Move>> };

type Path = { opening: readonly TermStart[]; steps: Partial<Record<Step, Partial<Record<OfficerAction, Rule>>>> };

const answer = (rule: RuleId): TermStart => ({ key: 'answer', rule, from: 'receipt' });
const responded = (letters: Letter[], meets: TermKey[] = []): Move => ({ to: 'done', outcome: 'responded', letters, meets });
const refused: Move = { to: 'done', outcome: 'refused', letters: ['refusal'], meets: ['answer'] };

export const LEGAL_PATHS: Record<CaseType, Path> = {
  // A letter intake could not classify. Until an officer says which request it is, it may be a demand to block,
  // which the law wants done at once (art. 21 p.1): so the triage term is block_on_report, 24:00 of the day of
  // receipt. `classify` moves the case to that request's first step and starts its terms from the original
  // receipt (decide.ts), so classifying never restarts a term; a letter that is no request is closed.
  unclassified: {
    opening: [{ key: 'triage', rule: 'block_on_report', from: 'receipt' }],
    steps: { triage: { classify: { to: 'triage', meets: ['triage'], letters: ['acknowledgement'] } } },
  },
  // Art. 14 p.3, 7; art. 20 p.1–2: answer with the art. 14 p.7 information, or a reasoned refusal, in 10 WD (+5 once).
  access: {
    opening: [answer('access')],
    steps: {
      review: {
        request_information: { to: 'awaiting_information', letters: ['information_request'] },
        respond: responded(['answer'], ['answer']),
        refuse: refused,
      },
      awaiting_information: {
        record_information: { to: 'review' },
        respond: responded(['answer'], ['answer']),
        refuse: refused,
      },
    },
  },
  // Art. 21 p.1–2, art. 20 p.3: block at once; evidence confirmed → correct within 7 WD of it, unblock, tell the
  // subject and the recipients; not confirmed → unblock and answer with reasons.
  correction: {
    opening: [{ key: 'block', rule: 'block_on_report', from: 'receipt' }],
    steps: {
      blocking: { block: { to: 'verification', meets: ['block'] } },
      verification: {
        request_information: { to: 'verification', letters: ['information_request'] },
        record_information: {
          byFinding: {
            inaccurate: { to: 'correcting', starts: [{ key: 'rectify', rule: 'rectify_on_evidence', from: 'finding' }] },
            not_confirmed: { to: 'unblocking' },
          },
        },
      },
      correcting: { correct: { to: 'unblocking', meets: ['rectify'], letters: ['recipient_notice'] } },
      unblocking: { unblock: { to: 'answering' } },
      answering: { respond: responded(['answer']), refuse: { ...refused, meets: [] } },
    },
  },
  // Art. 21 p.1–3: block at once, verify; inaccurate → correct (7 WD) and unblock; unlawful → cease in 3 WD, make
  // lawful or destroy in 10 WD, tell the subject (and RKN when it sent the report).
  blocking: {
    opening: [{ key: 'block', rule: 'block_on_report', from: 'receipt' }],
    steps: {
      blocking: { block: { to: 'verification', meets: ['block'], letters: ['blocking_notice'] } },
      verification: {
        request_information: { to: 'verification', letters: ['information_request'] },
        record_information: {
          byFinding: {
            inaccurate: { to: 'correcting', starts: [{ key: 'rectify', rule: 'rectify_on_evidence', from: 'finding' }] },
            unlawful: {
              to: 'ceasing',
              starts: [{ key: 'cease', rule: 'cease_unlawful', from: 'finding' }, { key: 'destroy', rule: 'destroy_unlawful', from: 'finding' }],
            },
            not_confirmed: { to: 'unblocking' },
          },
        },
      },
      correcting: { correct: { to: 'unblocking', meets: ['rectify'], letters: ['recipient_notice'] } },
      ceasing: { cease: { to: 'destroying', meets: ['cease'] } },
      destroying: {
        confirm_destruction: { to: 'answering', meets: ['destroy'], letters: ['recipient_notice'] },
        // Processing made lawful within the term: the data may stay, unblocked.
        record_legal_ground: { to: 'unblocking', meets: ['destroy'] },
      },
      unblocking: { unblock: { to: 'answering' } },
      answering: { respond: responded(['answer']), refuse: { ...refused, meets: [] } },
    },
  },
  // Art. 21 p.5: stop processing on consent; another legal ground → record which and tell the subject; otherwise
  // destroy within 30 days; confirm to the subject.
  withdrawal: {
    opening: [answer('consent_withdrawn')],
    steps: {
      ceasing: { cease: { to: 'deciding' } },
      deciding: {
        record_legal_ground: { to: 'answering', meets: ['answer'] },
        confirm_destruction: { to: 'answering', meets: ['answer'], letters: ['recipient_notice'] },
        block: { to: 'destroying_deferred', meets: ['answer'], starts: [{ key: 'fallback', rule: 'destroy_fallback', from: 'due:answer' }] },
      },
      destroying_deferred: { confirm_destruction: { to: 'answering', meets: ['fallback'], letters: ['recipient_notice'] } },
      answering: { respond: responded(['answer']) },
    },
  },
  // Art. 20 p.3 (evidence, 7 WD) or art. 21 p.4 (purpose achieved, 30 days): destroy, tell the subject and the
  // recipients; impossible in time → block and destroy within 6 months (art. 21 p.6). The case is in `destroying`
  // from receipt, so the engine destroys in the systems only after an officer's `approve_destruction` (the
  // requester's identity and the ground checked, art. 14 p.3): destruction cannot be undone (docs/adr/012).
  deletion: {
    opening: [answer('destroy_on_evidence')], // or purpose_achieved: the ground chosen at intake (openingTerms)
    steps: {
      destroying: {
        approve_destruction: { to: 'destroying', once: true },
        confirm_destruction: { to: 'answering', meets: ['answer'], letters: ['recipient_notice'] },
        block: { to: 'destroying_deferred', meets: ['answer'], starts: [{ key: 'fallback', rule: 'destroy_fallback', from: 'due:answer' }] },
        refuse: refused,
      },
      destroying_deferred: {
        approve_destruction: { to: 'destroying_deferred', once: true },
        confirm_destruction: { to: 'answering', meets: ['fallback'], letters: ['recipient_notice'] },
      },
      answering: { respond: responded(['answer']) },
    },
  },
  // Art. 21 p.5.1: stop processing within 10 WD (+5 once, with a motivated notice), tell the subject.
  cease_processing: {
    opening: [answer('demand_cease')],
    steps: {
      ceasing: { cease: { to: 'answering' }, refuse: refused },
      answering: { respond: responded(['answer'], ['answer']) },
    },
  },
};

/** The step a new case of this type starts in. */
export const FIRST_STEP: Record<CaseType, Step> = {
  unclassified: 'triage', access: 'review', correction: 'blocking', blocking: 'blocking', withdrawal: 'ceasing', deletion: 'destroying', cease_processing: 'ceasing',
};

/** Actions allowed in every open step, whatever the type: they move nothing along the path. */
export const ANYTIME: readonly OfficerAction[] = ['assign', 'close'];
