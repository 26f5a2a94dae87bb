import { Type, type Static, type TOptional } from '@sinclair/typebox';
import { RULE_IDS, type RuleId, type TermUnit } from '../domain/legal-time';

/**
 * The operator profile: who speaks in letters, escalations and destruction acts, and what its policy
 * promises. One JSON file per operator (operator/profiles/*.json); see the README, "Operator profile".
 * Every object refuses unknown fields: a misspelt "postal" must not silently leave the field empty.
 */
const strict = { additionalProperties: false } as const;
const Text = Type.String({ minLength: 1, pattern: '\\S' });
const Email = Type.String({ format: 'email' });

const TERM_UNITS = ['working_days', 'calendar_days', 'calendar_days_min_interval', 'months', 'hours', 'immediate'] as const satisfies readonly TermUnit[];

const Person = Type.Object({
  name: Text,
  position: Text,
  email: Email,
}, strict);

export const PromisedTermSchema = Type.Object({
  n: Type.Integer({ minimum: 0 }),
  unit: Type.Unsafe<TermUnit>({ type: 'string', enum: [...TERM_UNITS] }),
  clause: Type.String({ minLength: 1, pattern: '\\S', description: 'where the policy promises it, e.g. "§9.5"' }),
  extension: Type.Optional(Type.Object({ n: Type.Integer({ minimum: 1 }) }, { ...strict, description: 'working days the policy may add' })),
  note: Type.Optional(Text),
}, strict);

const promisedTermsProperties = Object.fromEntries(RULE_IDS.map((id) => [id, Type.Optional(PromisedTermSchema)])) as
  Record<RuleId, TOptional<typeof PromisedTermSchema>>;

export const OperatorProfileSchema = Type.Object({
  /** Which document the profile was written from. */
  source: Type.Optional(Type.Object({ document: Text, url: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })) }, strict)),
  legalName: Type.Object({
    asInPolicy: Text,
    ru: Type.Optional(Text),
  }, strict),
  inn: Type.Optional(Type.String({ format: 'inn' })),
  ogrn: Type.Optional(Type.String({ format: 'ogrn' })),
  kpp: Type.Optional(Type.String({ format: 'kpp' })),
  address: Type.Object({
    legal: Text, postal: Type.Optional(Text),
    /** The legal address in Russian: what a destruction act states (an inspector reads the act in Russian); `legal` when absent. */
    ru: Type.Optional(Text),
  }, strict),
  websites: Type.Array(Type.String({ format: 'uri', pattern: '^https?://' }), { default: [] }),
  requestChannels: Type.Object({
    mailboxes: Type.Array(Type.Object({ address: Email, purpose: Text }, strict), { default: [] }),
    postal: Type.Optional(Text),
  }, { ...strict, default: {} }),
  /** The person responsible for organising processing (art. 22.1): receives escalations. */
  dpo: Type.Optional(Person),
  /** The operator's head (e.g. the General Director): receives escalations of overdue cases. */
  head: Type.Optional(Person),
  letterLanguage: Type.Unsafe<'ru' | 'en'>({ type: 'string', enum: ['ru', 'en'], default: 'ru' }),
  promisedTerms: Type.Object(promisedTermsProperties, { ...strict, default: {} }),
}, strict);

export type OperatorProfile = Static<typeof OperatorProfileSchema>;

/** What to put at a path that is missing (the start-up error message). */
export const MISSING_HINTS: Record<string, string> = {
  '/legalName': 'add {"asInPolicy": "<the operator\'s name as its policy writes it>", "ru": "<its registered Russian name>"}',
  '/legalName/asInPolicy': 'put the operator\'s name as its policy writes it, e.g. "WELL ENGINEERING LLC"',
  '/address': 'add {"legal": "<the operator\'s legal address>"}: letters and destruction acts must state it (RKN Order 179 p.3 (а))',
  '/address/legal': 'put the operator\'s legal address as in its policy or the state register',
};
