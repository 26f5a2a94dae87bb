/**
 * The statutory terms of 152-FZ (as in force since 01.09.2022), one entry per
 * rule id. The ids are the engine's public vocabulary: never rename them.
 * Source: shared/reference/152-fz.md, "Deadlines".
 */
import { LegalTimeError } from './errors';

export const RULE_IDS = [
  'access',
  'access_refusal',
  'rectify_on_evidence',
  'destroy_on_evidence',
  'block_on_report',
  'cease_unlawful',
  'destroy_unlawful',
  'incident_initial',
  'incident_results',
  'purpose_achieved',
  'consent_withdrawn',
  'demand_cease',
  'destroy_fallback',
  'rkn_request',
  'repeat_request_min_interval',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/**
 * `calendar_days_min_interval` is not a term to act by but the shortest wait before a repeat request: its end is
 * never moved to a working day (art. 193), which would widen the window for refusing the request.
 */
export type TermUnit = 'working_days' | 'calendar_days' | 'calendar_days_min_interval' | 'months' | 'hours' | 'immediate';

export interface Rule {
  readonly id: RuleId;
  readonly title: string;
  readonly unit: TermUnit;
  readonly n: number;
  /** +5 working days from the original due date, with a motivated notice; null = not extendable. */
  readonly extension: { readonly unit: 'working_days'; readonly n: number } | null;
  readonly basis: string;
}

const EXTENSION = Object.freeze({ unit: 'working_days', n: 5 } as const);

function rule(id: RuleId, unit: TermUnit, n: number, basis: string, title: string, extendable = false): Rule {
  return Object.freeze({ id, title, unit, n, extension: extendable ? EXTENSION : null, basis: `152-FZ ${basis}` });
}

export const RULES: Readonly<Record<RuleId, Rule>> = Object.freeze({
  access: rule('access', 'working_days', 10, 'art. 14 p.3, art. 20 p.1', 'Answer a request for access to personal data', true),
  access_refusal: rule('access_refusal', 'working_days', 10, 'art. 20 p.2', 'Send a reasoned refusal of access', true),
  rectify_on_evidence: rule('rectify_on_evidence', 'working_days', 7, 'art. 20 p.3, art. 21 p.2', 'Rectify data shown to be inaccurate, then unblock'),
  destroy_on_evidence: rule('destroy_on_evidence', 'working_days', 7, 'art. 20 p.3', 'Destroy data shown to be unlawfully obtained or unneeded'),
  // "At once" cannot be met at the receipt instant: due by 24:00 of day 0 (see README.md, Decisions).
  block_on_report: rule('block_on_report', 'immediate', 0, 'art. 21 p.1', 'Block data reported inaccurate or unlawfully processed'),
  cease_unlawful: rule('cease_unlawful', 'working_days', 3, 'art. 21 p.3', 'Stop unlawful processing'),
  destroy_unlawful: rule('destroy_unlawful', 'working_days', 10, 'art. 21 p.3', 'Destroy data whose processing cannot be made lawful'),
  incident_initial: rule('incident_initial', 'hours', 24, 'art. 21 p.3.1', 'First incident notice to Roskomnadzor'),
  incident_results: rule('incident_results', 'hours', 72, 'art. 21 p.3.1', 'Incident investigation results to Roskomnadzor'),
  purpose_achieved: rule('purpose_achieved', 'calendar_days', 30, 'art. 21 p.4', 'Stop processing and destroy once the purpose is achieved'),
  consent_withdrawn: rule('consent_withdrawn', 'calendar_days', 30, 'art. 21 p.5', 'Stop processing and destroy after consent is withdrawn'),
  demand_cease: rule('demand_cease', 'working_days', 10, 'art. 21 p.5.1', 'Stop processing on the subject\'s demand', true),
  // Counted from the end of the original term, which the caller passes as `from`.
  destroy_fallback: rule('destroy_fallback', 'months', 6, 'art. 21 p.6', 'Destroy blocked data when destruction in term was impossible'),
  rkn_request: rule('rkn_request', 'working_days', 10, 'art. 20 p.4', 'Answer a request from Roskomnadzor', true),
  // `due` = day 0 + 30, the first day a repeat request is allowed; never shifted (see TermUnit).
  repeat_request_min_interval: rule('repeat_request_min_interval', 'calendar_days_min_interval', 30, 'art. 14 p.4–6', 'Earliest repeat request on the same matter'),
});

export function isRuleId(value: unknown): value is RuleId {
  // Stryker disable next-line ConditionalExpression: narrows the type; hasOwnProperty already refuses every non-string (no rule id is a number)
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RULES, value);
}

export function ruleById(id: unknown): Rule {
  if (!isRuleId(id)) {
    throw new LegalTimeError('unknown_rule', `unknown rule ${JSON.stringify(id)}; valid rules: ${RULE_IDS.join(', ')}`);
  }
  return RULES[id];
}
