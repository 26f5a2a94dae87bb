import { describe, expect, it } from 'vitest';
import { ActionRefused, allowedActions, decide, type CaseSnapshot } from '../../../domain/case/decide';
import type { Step } from '../../../domain/case/legal-paths';
import { thrown } from '../../helpers/thrown';

// Fixed instants: decide() is pure and takes `now` as an argument, so nothing here depends on the real clock.
const NOW = Date.parse('2990-03-02T10:00:00+03:00');
const DUE_AT = '2990-03-16T00:00:00+03:00';
const snapshot = (type: CaseSnapshot['type'], step: Step, terms: CaseSnapshot['terms'] = []): CaseSnapshot => ({ type, step, terms });
const answer = (rule: CaseSnapshot['terms'][number]['rule'], over: Partial<CaseSnapshot['terms'][number]> = {}) =>
  [{ key: 'answer' as const, rule, status: 'running' as const, dueAt: DUE_AT, ...over }];
const refusal = (fn: () => unknown) => thrown(fn, ActionRefused);

describe('what an officer reads when an action is refused', () => {
  it('an extension of a term the law does not extend names the request and its rule', () => {
    const e = refusal(() => decide(snapshot('withdrawal', 'ceasing', answer('consent_withdrawn')), { action: 'extend' }, NOW));
    expect(e).toMatchObject({ name: 'ActionRefused', code: 'extension_not_allowed' });
    expect(e.message).toMatch(/^The term of a withdrawal request \(consent_withdrawn\) cannot be extended; only access, access_refusal, demand_cease and rkn_request can\. Allowed now: cease, assign, close\.$/);
  });

  it('a case with no answer term (a blocking report) cannot be extended, and says so without a rule', () => {
    const e = refusal(() => decide(snapshot('correction', 'blocking', [{ key: 'block', rule: 'block_on_report', status: 'running', dueAt: DUE_AT }]), { action: 'extend' }, NOW));
    expect(e.code).toBe('extension_not_allowed');
    expect(e.message).toMatch(/^The term of a correction request cannot be extended;/);
  });

  it('a second extension names the rule and the one extension the law allows', () => {
    const e = refusal(() => decide(snapshot('access', 'review', answer('access', { extended: true })), { action: 'extend' }, NOW));
    expect(e.message).toMatch(/^The access term was already extended once; the law allows one extension\. Allowed now: /);
    expect(e.message).not.toMatch(/extend[,.]/);
  });

  it('an extension of a term that already ended unmet, or was met, says its status and the original due instant', () => {
    for (const status of ['overdue', 'met'] as const) {
      const e = refusal(() => decide(snapshot('access', 'review', answer('access', { status })), { action: 'extend' }, NOW));
      expect(e.code).toBe('extension_too_late');
      expect(e.message).toContain(`The access term is ${status}; an extension must be sent before the original term ends (${DUE_AT}).`);
    }
  });

  it('an extension on the last instant: the term has ended at 24:00, one millisecond earlier it has not', () => {
    const c = snapshot('cease_processing', 'ceasing', answer('demand_cease'));
    const e = refusal(() => decide(c, { action: 'extend' }, Date.parse(DUE_AT)));
    expect(e.message).toMatch(new RegExp(`^The demand_cease term ended at ${DUE_AT.replace(/[+]/g, '\\+')}; an extension must be sent before the original term ends\\.`));
    expect(decide(c, { action: 'extend' }, Date.parse(DUE_AT) - 1)).toEqual({ to: 'ceasing', starts: [], meets: [], letters: ['extension_notice'], extends: 'answer' });
    expect(allowedActions(c, Date.parse(DUE_AT) - 1)).toContain('extend');
    expect(allowedActions(c, Date.parse(DUE_AT))).not.toContain('extend');
  });

  it('a verification without a finding lists the findings of that request; a finding of another request is named', () => {
    const need = refusal(() => decide(snapshot('correction', 'verification'), { action: 'record_information' }, NOW));
    expect(need.message).toBe('"record_information" in step "verification" needs a finding: one of inaccurate, not_confirmed.');
    const wrong = refusal(() => decide(snapshot('correction', 'verification'), { action: 'record_information', finding: 'unlawful' }, NOW));
    expect(wrong.message).toBe('The finding "unlawful" does not apply to a correction request; use one of inaccurate, not_confirmed.');
  });

  it('an action outside the path names it, the request and the step; classify without a type lists the requests', () => {
    const e = refusal(() => decide(snapshot('access', 'review', answer('access')), { action: 'unblock' }, NOW));
    expect(e.message).toBe('"unblock" is not part of the access path in step "review". Allowed now: request_information, respond, refuse, extend, assign, close.');
    const triage = snapshot('unclassified', 'triage');
    expect(refusal(() => decide(triage, { action: 'classify' }, NOW)).message)
      .toBe('"classify" needs the request type: one of access, correction, blocking, withdrawal, deletion, cease_processing.');
    expect(refusal(() => decide(snapshot('access', 'done'), { action: 'close' }, NOW)).message).toBe('The case is closed; nothing more can be done on it.');
  });
});

describe('actions allowed in every open step', () => {
  it('assign changes nothing on the path; close ends the case as closed, without a letter or a met term', () => {
    for (const [type, step] of [['access', 'review'], ['deletion', 'destroying_deferred'], ['blocking', 'verification']] as const) {
      const c = snapshot(type, step, answer('access'));
      expect(decide(c, { action: 'assign' }, NOW)).toEqual({ to: step, starts: [], meets: [], letters: [] });
      expect(decide(c, { action: 'close' }, NOW)).toEqual({ to: 'done', starts: [], meets: [], letters: [], outcome: 'closed' });
    }
  });

  it('a move that closes the case carries its outcome; one that does not carries none', () => {
    const c = snapshot('access', 'review', answer('access'));
    expect(decide(c, { action: 'refuse' }, NOW)).toEqual({ to: 'done', starts: [], meets: ['answer'], letters: ['refusal'], outcome: 'refused' });
    expect(decide(c, { action: 'request_information' }, NOW)).toEqual({ to: 'awaiting_information', starts: [], meets: [], letters: ['information_request'], outcome: undefined });
  });
});
