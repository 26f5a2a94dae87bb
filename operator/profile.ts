import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import isEmail from 'validator/lib/isEmail';
import { RULES, splitPromisedTerms, type RuleId, type SplitPromises } from '../domain/legal-time';
import { ConfigError } from '../platform/config-error';
import { MISSING_HINTS, OperatorProfileSchema, type OperatorProfile } from './profile-schema';
import { isInn, isKpp, isOgrn } from './registration-numbers';
import { readSettingsJson } from './settings-file';

export { OperatorProfileSchema, type OperatorProfile } from './profile-schema';

/** WellPRO's profile (seed 000): what `npm start` and the tests use unless DSAR_OPERATOR_PROFILE says otherwise. */
export const DEFAULT_OPERATOR_PROFILE = path.resolve(__dirname, 'profiles', 'wellpro.json');

export interface ProfileIssue { path: string; message: string }

/** A profile that cannot be used: every issue names the JSON path and what to put there. */
export class OperatorProfileError extends ConfigError {
  constructor(readonly file: string, readonly issues: ProfileIssue[]) {
    super(`operator profile ${file} is not usable (set DSAR_OPERATOR_PROFILE to another file or fix this one): ` +
      issues.map((i) => `${i.path} ${i.message}`).join('; '));
  }
}

const FORMAT_HINTS: Record<string, string> = {
  inn: 'is not a valid INN: 10 digits (organisation) or 12 (individual entrepreneur) whose check digits match, as in the state register',
  ogrn: 'is not a valid OGRN: 13 digits (OGRN) or 15 (OGRNIP) whose check digit matches, as in the state register',
  kpp: 'is not a KPP: 9 characters, e.g. 780101001',
  email: 'must be an e-mail address such as wellpro@wellengineering.ru',
  uri: 'must be an http(s) address such as https://wellpro.ru/',
};

const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: false });
addFormats(ajv, ['uri']);
ajv.addFormat('email', (s: string) => isEmail(s, { require_tld: true, allow_utf8_local_part: true, allow_display_name: false }));
ajv.addFormat('inn', isInn);
ajv.addFormat('ogrn', isOgrn);
ajv.addFormat('kpp', isKpp);
const validate = ajv.compile<OperatorProfile>(OperatorProfileSchema);

function issueOf(e: ErrorObject): ProfileIssue {
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const p = `${at}/${(e.params as { missingProperty: string }).missingProperty}`;
      return { path: p, message: `is missing: ${MISSING_HINTS[p] ?? 'add it'}` };
    }
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {}).join(', ');
      return { path: `${at}/${(e.params as { additionalProperty: string }).additionalProperty}`, message: `is not a profile field: remove it (fields here: ${allowed})` };
    }
    case 'format': {
      const format = (e.params as { format: string }).format;
      return { path: at, message: FORMAT_HINTS[format] ?? `must be a valid ${format}` };
    }
    case 'pattern':
      return { path: at, message: (e.parentSchema as { format?: string }).format === 'uri' ? FORMAT_HINTS.uri! : 'must not be blank' };
    case 'enum':
      return { path: at, message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` };
    default:
      return { path: at, message: e.message ?? 'is invalid' };
  }
}

/** A promise is compared with the statute in the statute's own unit (see splitPromisedTerms). */
function unitIssues(profile: OperatorProfile): ProfileIssue[] {
  return Object.entries(profile.promisedTerms).flatMap(([id, term]) => {
    const law = RULES[id as RuleId];
    return term && term.unit !== law.unit
      ? [{ path: `/promisedTerms/${id}/unit`, message: `must be ${law.unit}, the statute's unit for ${id} (${law.basis}): restate the policy's promise in ${law.unit}` }]
      : [];
  });
}

/**
 * Words a policy uses instead of its operator's name or address («Оператор», «Исполнитель», "the Operator",
 * «адрес не указан»): letters and acts would print them as if they were one. Refused with the reason.
 */
const PLACEHOLDER_NAME = /^\s*(?:the\s+)?(?:operator|company|organi[sz]ation|contractor|administration|оператор|исполнитель|компания|организация|администрация)(?:\s+сайта)?\s*$/iu;
const PLACEHOLDER_ADDRESS = /не\s+указан|неизвест|отсутству|not\s+(?:stated|specified|given|known|in\s+the\s+policy)|unknown|^\s*(?:n\/a|tbd|-+|—)\s*$/iu;

function placeholderIssues(profile: OperatorProfile): ProfileIssue[] {
  const names = [['/legalName/asInPolicy', profile.legalName.asInPolicy], ['/legalName/ru', profile.legalName.ru]] as const;
  const addresses = [['/address/legal', profile.address.legal], ['/address/ru', profile.address.ru], ['/address/postal', profile.address.postal]] as const;
  return [
    ...names.filter(([, v]) => v !== undefined && PLACEHOLDER_NAME.test(v)).map(([path, v]) => ({
      path, message: `"${v}" is how the policy refers to the operator, not its name: put the registered name as in the state register (ЕГРЮЛ), e.g. ООО «Ромашка»` })),
    ...addresses.filter(([, v]) => v !== undefined && PLACEHOLDER_ADDRESS.test(v)).map(([path, v]) => ({
      path, message: `"${v}" is not an address: put the operator's address as in the state register (ЕГРЮЛ); letters and destruction acts state it (RKN Order 179 p.3 (а))` })),
  ];
}

/** The operator's own mail domains (its request mailboxes): letters go From one of them; a letter forwarded from one is the subject's. */
export function operatorDomains(profile: OperatorProfile): string[] {
  const addresses = (profile.requestChannels?.mailboxes ?? []).map((m) => m.address);
  return [...new Set(addresses.map((a) => a.split('@')[1]?.toLowerCase()).filter((d): d is string => !!d))];
}

/** Validates a parsed profile; `file` names it in the error. Fills defaults (letterLanguage "ru", empty lists). */
export function parseOperatorProfile(json: unknown, file: string): OperatorProfile {
  const copy = structuredClone(json);
  if (!validate(copy)) {
    // One line per path: Ajv reports a failed `format` and `pattern` on the same value.
    const issues = new Map<string, ProfileIssue>();
    for (const issue of (validate.errors ?? []).map(issueOf)) if (!issues.has(issue.path)) issues.set(issue.path, issue);
    throw new OperatorProfileError(file, [...issues.values()]);
  }
  const issues = [...placeholderIssues(copy), ...unitIssues(copy)];
  if (issues.length > 0) throw new OperatorProfileError(file, issues);
  return copy;
}

export function loadOperatorProfile(file: string): OperatorProfile {
  const json = readSettingsJson(file, 'operator profile', 'set DSAR_OPERATOR_PROFILE to the operator\'s profile JSON file (see operator/profiles/).');
  return parseOperatorProfile(json, file);
}

/** DSAR_OPERATOR_PROFILE (relative to the working directory), else WellPRO's profile. */
export function operatorProfileFromEnv(env: NodeJS.ProcessEnv): OperatorProfile {
  const raw = env.DSAR_OPERATOR_PROFILE;
  return loadOperatorProfile(raw ? path.resolve(raw) : DEFAULT_OPERATOR_PROFILE);
}

/** The promised terms split into applied internal terms and conflicts with the statute. */
export function operatorTerms(profile: OperatorProfile): SplitPromises {
  return splitPromisedTerms(profile.promisedTerms);
}

/** Fields a profile may lack and still start, but whose absence someone must hear of. */
export function profileGaps(profile: OperatorProfile): ProfileIssue[] {
  const gaps: ProfileIssue[] = [];
  if (!profile.inn) gaps.push({ path: '/inn', message: 'is not set: letters and acts will not show the operator\'s INN' });
  if (!profile.ogrn) gaps.push({ path: '/ogrn', message: 'is not set: letters and acts will not show the operator\'s OGRN' });
  if (!profile.dpo) gaps.push({ path: '/dpo', message: 'is not set: nobody named receives the DPO\'s escalations' });
  if (!profile.head) gaps.push({ path: '/head', message: 'is not set: nobody named receives the head\'s escalations of overdue cases' });
  if (profile.requestChannels.mailboxes.length === 0) {
    gaps.push({ path: '/requestChannels/mailboxes', message: 'is empty: subjects have no mailbox to write to' });
  }
  return gaps;
}

/**
 * Says at start-up what the profile's promises and gaps mean, at `warn`: an operator must hear that its
 * policy promises more than the law allows. Only rule ids, clauses, terms and JSON paths: no names or e-mails.
 */
export function logOperatorProfile(log: { warn: (obj: object, msg: string) => void }, profile: OperatorProfile): void {
  for (const c of operatorTerms(profile).conflicts) {
    log.warn({ rule: c.rule, clause: c.clause, promised: c.promised, statutory: c.statutory }, `operator profile: ${c.message}`);
  }
  for (const gap of profileGaps(profile)) log.warn({ path: gap.path }, `operator profile: ${gap.path} ${gap.message}`);
}
