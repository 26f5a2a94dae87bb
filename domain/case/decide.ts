/**
 * Asks the legal-path table whether an officer's action is allowed now, and what it does. Pure: the workflow's
 * Update validator and handler, and the API (for a 409 without a round trip), call the same function.
 */
import { RULES, type RuleId } from '../legal-time/rules';
import {
  ANYTIME, DELETION_GROUNDS, FIRST_STEP, LEGAL_PATHS, type DeletionGround, type Finding, type Letter, type Move, type OfficerAction, type Outcome, type Step, type TermKey,
  type TermStart,
} from './legal-paths';
import type { CaseType, RequestType } from './request-types';

export type TermStatus = 'running' | 'met' | 'overdue' | 'cancelled';

/** What decide() needs to know about a case: its path position and its terms. */
export interface CaseSnapshot {
  type: CaseType;
  step: Step;
  terms: ReadonlyArray<{ key: TermKey; rule: RuleId; status: TermStatus; dueAt: string; extended?: boolean }>;
  /** The `once` actions already taken on the case (the table's `once` moves). */
  taken?: ReadonlyArray<OfficerAction>;
}

export interface Decision {
  to: Step;
  starts: TermStart[];
  meets: TermKey[];
  letters: Letter[];
  outcome?: Outcome;
  /** `extend`: the term whose extension starts now. */
  extends?: TermKey;
  /** `classify`: the request the case is from now on (its opening terms are in `starts`). */
  classifies?: RequestType;
  /** A `once` action taken again: it is answered with the case as it is, and nothing is recorded or sent. */
  repeat?: true;
}

/** A refusal with a stable code naming the rule that forbids the action, and what is allowed instead. */
export class ActionRefused extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ActionRefused';
  }
}

function movesIn(c: CaseSnapshot): Partial<Record<OfficerAction, Move | { byFinding: Partial<Record<Finding, Move>> }>> {
  return LEGAL_PATHS[c.type].steps[c.step] ?? {};
}

/** The actions the law allows on this case at this instant (`now`: ms since epoch). */
export function allowedActions(c: CaseSnapshot, now: number): OfficerAction[] {
  if (c.step === 'done') return [];
  const actions = new Set<OfficerAction>(Object.keys(movesIn(c)) as OfficerAction[]);
  if (extensionRefusal(c, now) === undefined) actions.add('extend');
  for (const a of ANYTIME) actions.add(a);
  return [...actions];
}

/**
 * Why an extension is not allowed now, or undefined when it is (art. 20 p.2, art. 21 p.5.1: once, before the term
 * ends). A plain value, not an Error: every case read asks it, and only a refused action throws.
 */
function extensionRefusal(c: CaseSnapshot, now: number): { code: string; message: string } | undefined {
  const term = c.terms.find((t) => t.key === 'answer');
  if (!term || RULES[term.rule].extension === null) {
    return { code: 'extension_not_allowed', message: `The term of a ${c.type} request${term ? ` (${term.rule})` : ''} cannot be extended; only access, access_refusal, demand_cease and rkn_request can.` };
  }
  if (term.extended) return { code: 'extension_already_used', message: `The ${term.rule} term was already extended once; the law allows one extension.` };
  if (term.status !== 'running') return { code: 'extension_too_late', message: `The ${term.rule} term is ${term.status}; an extension must be sent before the original term ends (${term.dueAt}).` };
  if (now >= Date.parse(term.dueAt)) return { code: 'extension_too_late', message: `The ${term.rule} term ended at ${term.dueAt}; an extension must be sent before the original term ends.` };
  return undefined;
}

/** What `action` does on this case now, or an ActionRefused saying which rule forbids it and what is allowed. */
export function decide(
  c: CaseSnapshot, input: { action: OfficerAction; finding?: Finding; type?: RequestType; deletionGround?: DeletionGround }, now: number,
): Decision {
  const allowed = () => allowedActions(c, now).join(', ') || 'nothing (the case is closed)';
  if (c.step === 'done') throw new ActionRefused('case_closed', 'The case is closed; nothing more can be done on it.');
  if (input.action === 'assign') return { to: c.step, starts: [], meets: [], letters: [] };
  if (input.action === 'close') return { to: 'done', starts: [], meets: [], letters: [], outcome: 'closed' };
  if (input.action === 'extend') {
    const refusal = extensionRefusal(c, now);
    if (refusal) throw new ActionRefused(refusal.code, `${refusal.message} Allowed now: ${allowed()}.`);
    return { to: c.step, starts: [], meets: [], letters: ['extension_notice'], extends: 'answer' };
  }
  const rule = movesIn(c)[input.action];
  if (!rule) {
    throw new ActionRefused('action_not_allowed_in_step', `"${input.action}" is not part of the ${c.type} path in step "${c.step}". Allowed now: ${allowed()}.`);
  }
  if (input.action === 'classify') return classification(rule as Move, input);
  let move: Move | undefined;
  if ('byFinding' in rule) {
    const findings = Object.keys(rule.byFinding).join(', ');
    if (!input.finding) throw new ActionRefused('finding_required', `"${input.action}" in step "${c.step}" needs a finding: one of ${findings}.`);
    move = rule.byFinding[input.finding];
    if (!move) throw new ActionRefused('finding_not_allowed', `The finding "${input.finding}" does not apply to a ${c.type} request; use one of ${findings}.`);
  } else {
    move = rule;
  }
  if (move.once && c.taken?.includes(input.action)) return { to: c.step, starts: [], meets: [], letters: [], repeat: true };
  return { to: move.to, starts: [...(move.starts ?? [])], meets: [...(move.meets ?? [])], letters: [...(move.letters ?? [])], outcome: move.outcome };
}

/** `classify`: the chosen request's first step and opening terms, counted from the original receipt. */
function classification(move: Move, input: { type?: RequestType; deletionGround?: DeletionGround }): Decision {
  const type = input.type;
  if (!type) throw new ActionRefused('type_required', '"classify" needs the request type: one of access, correction, blocking, withdrawal, deletion, cease_processing.');
  const opening = LEGAL_PATHS[type].opening.map((t) =>
    (type === 'deletion' && t.key === 'answer' ? { ...t, rule: DELETION_GROUNDS[input.deletionGround ?? 'evidence'] } : { ...t }));
  return { to: FIRST_STEP[type], starts: opening, meets: [...(move.meets ?? [])], letters: [...(move.letters ?? [])], classifies: type };
}
