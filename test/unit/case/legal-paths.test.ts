import { describe, expect, it } from 'vitest';
import { ActionRefused, allowedActions, decide, type CaseSnapshot } from '../../../domain/case/decide';
import { FIRST_STEP, LEGAL_PATHS, OFFICER_ACTIONS, STEPS, type OfficerAction, type Step } from '../../../domain/case/legal-paths';
import { CASE_TYPES, REQUEST_TYPES } from '../../../domain/case/request-types';
import { RULES } from '../../../domain/legal-time/rules';
import { thrown } from '../../helpers/thrown';

const NOW = Date.parse('2026-03-02T10:00:00+03:00');
const snapshot = (type: CaseSnapshot['type'], step: Step, terms: CaseSnapshot['terms'] = []): CaseSnapshot => ({ type, step, terms });
const answer = (rule: 'access' | 'demand_cease' | 'consent_withdrawn', over: Partial<CaseSnapshot['terms'][number]> = {}) =>
  [{ key: 'answer' as const, rule, status: 'running' as const, dueAt: '2026-03-10T00:00:00+03:00', ...over }];
const refusal = (fn: () => unknown) => thrown(fn, ActionRefused);

/** Walks a path by actions; returns the steps visited. */
function walk(type: CaseSnapshot['type'], actions: Array<OfficerAction | [OfficerAction, 'inaccurate' | 'unlawful' | 'not_confirmed']>) {
  let c = snapshot(type, FIRST_STEP[type], LEGAL_PATHS[type].opening.map((t) => ({ key: t.key, rule: t.rule, status: 'running' as const, dueAt: '2026-03-10T00:00:00+03:00' })));
  const steps: string[] = [c.step];
  let outcome: string | undefined;
  for (const a of actions) {
    const [action, finding] = Array.isArray(a) ? a : [a, undefined];
    const d = decide(c, { action, finding }, NOW);
    c = { ...c, step: d.to, terms: [...c.terms.map((t) => (d.meets.includes(t.key) ? { ...t, status: 'met' as const } : t)),
      ...d.starts.map((s) => ({ key: s.key, rule: s.rule, status: 'running' as const, dueAt: '2026-03-20T00:00:00+03:00' }))] };
    steps.push(c.step);
    outcome = d.outcome ?? outcome;
  }
  return { steps, outcome, running: c.terms.filter((t) => t.status === 'running').map((t) => t.key) };
}

describe('the legal-path table', () => {
  it('names only known steps, actions and rules, and every step it names can be left', () => {
    for (const type of CASE_TYPES) {
      const path = LEGAL_PATHS[type];
      for (const t of path.opening) expect(RULES[t.rule]).toBeDefined();
      for (const [step, moves] of Object.entries(path.steps)) {
        expect(STEPS).toContain(step);
        for (const [action, rule] of Object.entries(moves ?? {})) {
          expect(OFFICER_ACTIONS).toContain(action);
          for (const move of 'byFinding' in rule ? Object.values(rule.byFinding) : [rule]) {
            expect(move.to === 'done' || path.steps[move.to] !== undefined || action === 'classify', `${type}: ${step} → ${move.to}`).toBe(true);
            for (const s of move.starts ?? []) expect(RULES[s.rule]).toBeDefined();
          }
        }
      }
      expect(path.steps[FIRST_STEP[type]]).toBeDefined();
    }
  });

  it.each([
    ['access', ['request_information', 'record_information', 'respond'], 'responded'],
    ['access', ['refuse'], 'refused'],
    ['correction', ['block', ['record_information', 'inaccurate'], 'correct', 'unblock', 'respond'], 'responded'],
    ['correction', ['block', ['record_information', 'not_confirmed'], 'unblock', 'refuse'], 'refused'],
    ['blocking', ['block', ['record_information', 'unlawful'], 'cease', 'confirm_destruction', 'respond'], 'responded'],
    ['blocking', ['block', ['record_information', 'inaccurate'], 'correct', 'unblock', 'respond'], 'responded'],
    ['withdrawal', ['cease', 'record_legal_ground', 'respond'], 'responded'],
    ['withdrawal', ['cease', 'confirm_destruction', 'respond'], 'responded'],
    ['deletion', ['confirm_destruction', 'respond'], 'responded'],
    ['deletion', ['block', 'confirm_destruction', 'respond'], 'responded'],
    ['cease_processing', ['cease', 'respond'], 'responded'],
  ] as const)('walks %s through %j to %s, leaving no term running', (type, actions, outcome) => {
    const result = walk(type, actions as never);
    expect(result.steps.at(-1)).toBe('done');
    expect(result.outcome).toBe(outcome);
    if (outcome === 'responded') expect(result.running).toEqual([]);
  });

  it('starts the 7 WD rectification from the evidence, and cease + destroy terms on unlawful processing', () => {
    const c = snapshot('blocking', 'verification', []);
    expect(decide(c, { action: 'record_information', finding: 'inaccurate' }, NOW).starts).toEqual([{ key: 'rectify', rule: 'rectify_on_evidence', from: 'finding' }]);
    expect(decide(c, { action: 'record_information', finding: 'unlawful' }, NOW).starts.map((s) => s.rule)).toEqual(['cease_unlawful', 'destroy_unlawful']);
    expect(refusal(() => decide(c, { action: 'record_information' }, NOW)).code).toBe('finding_required');
    expect(refusal(() => decide(snapshot('correction', 'verification'), { action: 'record_information', finding: 'unlawful' }, NOW)).code).toBe('finding_not_allowed');
  });

  it('falls back to 6 months of blocking counted from the end of the original term when destruction is impossible', () => {
    const d = decide(snapshot('deletion', 'destroying', answer('consent_withdrawn')), { action: 'block' }, NOW);
    expect(d).toMatchObject({ to: 'destroying_deferred', meets: ['answer'], starts: [{ key: 'fallback', rule: 'destroy_fallback', from: 'due:answer' }] });
  });
});

describe('extensions (art. 20 p.2, art. 21 p.5.1)', () => {
  it('are allowed once, before the original term ends, only where the rule allows', () => {
    expect(decide(snapshot('access', 'review', answer('access')), { action: 'extend' }, NOW)).toMatchObject({ extends: 'answer', letters: ['extension_notice'] });
    expect(allowedActions(snapshot('cease_processing', 'ceasing', answer('demand_cease')), NOW)).toContain('extend');
    expect(refusal(() => decide(snapshot('access', 'review', answer('access', { extended: true })), { action: 'extend' }, NOW)).code).toBe('extension_already_used');
    const late = refusal(() => decide(snapshot('access', 'review', answer('access')), { action: 'extend' }, Date.parse('2026-03-10T00:00:00+03:00')));
    expect(late.code).toBe('extension_too_late');
    expect(late.message).toContain('Allowed now:');
    expect(refusal(() => decide(snapshot('withdrawal', 'ceasing', answer('consent_withdrawn')), { action: 'extend' }, NOW)).code).toBe('extension_not_allowed');
    expect(allowedActions(snapshot('withdrawal', 'ceasing', answer('consent_withdrawn')), NOW)).not.toContain('extend');
  });
});

describe('destruction already decided (destroying_deferred)', () => {
  // The data are blocked and must be destroyed within 6 months (art. 21 p.6): the request was granted, so it can no
  // longer be refused; refusing here would close the case with the data kept and the fallback term dropped.
  const fallback = [{ key: 'fallback' as const, rule: 'destroy_fallback' as const, status: 'running' as const, dueAt: '2026-09-10T00:00:00+03:00' }];

  it.each(['deletion', 'withdrawal'] as const)('%s: refuse is not allowed, only confirming the destruction', (type) => {
    const c = snapshot(type, 'destroying_deferred', fallback);
    expect(allowedActions(c, NOW)).not.toContain('refuse');
    expect(allowedActions(c, NOW)).toContain('confirm_destruction');
    expect(refusal(() => decide(c, { action: 'refuse', reason: 'передумали' } as never, NOW)).code).toBe('action_not_allowed_in_step');
  });
});

describe('refusals name the rule and what is allowed', () => {
  it('refuses an action outside the step with the allowed ones listed; a closed case allows nothing', () => {
    const e = refusal(() => decide(snapshot('correction', 'blocking'), { action: 'correct' }, NOW));
    expect(e.code).toBe('action_not_allowed_in_step');
    expect(e.message).toContain('Allowed now: block, assign, close');
    expect(allowedActions(snapshot('access', 'done'), NOW)).toEqual([]);
    expect(refusal(() => decide(snapshot('access', 'done'), { action: 'assign' }, NOW)).code).toBe('case_closed');
  });
});

describe('triage: a letter intake could not classify', () => {
  const triage = snapshot('unclassified', 'triage', [{ key: 'triage', rule: 'block_on_report', status: 'running', dueAt: '2026-03-03T00:00:00+03:00' }]);

  it('runs a block_on_report term (a blocking demand is due at once) and allows only classify, assign and close', () => {
    expect(LEGAL_PATHS.unclassified.opening).toEqual([{ key: 'triage', rule: 'block_on_report', from: 'receipt' }]);
    expect(FIRST_STEP.unclassified).toBe('triage');
    expect(allowedActions(triage, NOW).sort()).toEqual(['assign', 'classify', 'close']);
  });

  it.each(REQUEST_TYPES)('classifies as %s: that path\'s first step and opening terms, counted from the receipt, and the acknowledgement', (type) => {
    const d = decide(triage, { action: 'classify', type }, NOW);
    expect(d).toMatchObject({ to: FIRST_STEP[type], meets: ['triage'], letters: ['acknowledgement'], classifies: type });
    expect(d.starts).toEqual(LEGAL_PATHS[type].opening);
    expect(d.starts.every((t) => t.from === 'receipt')).toBe(true);
  });

  it('takes the deletion ground the officer picks, and refuses classify without a type or outside triage', () => {
    expect(decide(triage, { action: 'classify', type: 'deletion', deletionGround: 'purpose_achieved' }, NOW).starts[0]!.rule).toBe('purpose_achieved');
    expect(refusal(() => decide(triage, { action: 'classify' }, NOW)).code).toBe('type_required');
    expect(refusal(() => decide(snapshot('access', 'review'), { action: 'classify', type: 'access' }, NOW)).code).toBe('action_not_allowed_in_step');
    expect(refusal(() => decide(triage, { action: 'respond' }, NOW)).code).toBe('action_not_allowed_in_step');
  });
});


describe('permissions given once (`once` in the table)', () => {
  it('approve_destruction taken again is a repeat that changes nothing; other actions never are', () => {
    for (const step of ['destroying', 'destroying_deferred'] as const) {
      const first = decide(snapshot('deletion', step), { action: 'approve_destruction' }, NOW);
      expect(first.repeat).toBeUndefined();
      const again = decide({ ...snapshot('deletion', step), taken: ['approve_destruction'] }, { action: 'approve_destruction' }, NOW);
      expect(again).toEqual({ to: step, starts: [], meets: [], letters: [], repeat: true });
    }
    const block = decide({ ...snapshot('deletion', 'destroying', answer('consent_withdrawn')), taken: ['approve_destruction'] }, { action: 'block' }, NOW);
    expect(block.repeat).toBeUndefined();
  });
});
