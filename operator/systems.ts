import { existsSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import isEmail from 'validator/lib/isEmail';
import { ConfigError } from '../platform/config-error';
import { SystemsRegistrySchema, type InformationSystem, type SystemsRegistry } from './systems-schema';
import { readSettingsJson } from './settings-file';

export { InformationSystemSchema, SystemsRegistrySchema, type InformationSystem, type SystemsRegistry } from './systems-schema';

/** WellPRO's systems (seed 000 §9.3): what `npm start` and the tests use unless DSAR_SYSTEMS_FILE says otherwise. */
export const DEFAULT_SYSTEMS_FILE = path.resolve(__dirname, 'systems', 'wellpro.json');

export interface SystemsIssue { path: string; message: string }

/** A registry that cannot be used: every issue names the JSON path and what to put there. */
export class SystemsRegistryError extends ConfigError {
  constructor(readonly file: string, readonly issues: SystemsIssue[]) {
    super(`systems registry ${file} is not usable (set DSAR_SYSTEMS_FILE to another file or fix this one): ` +
      issues.map((i) => `${i.path} ${i.message}`).join('; '));
  }
}

const CONNECTOR_HINT = 'must be {"kind": "none"} (a manual task for the owner) or {"kind": "postgres", "connectionStringEnv": "CRM_DATABASE_URL", "find": "<SQL>", "erase": "<SQL>"}';

const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: false });
ajv.addFormat('email', (s: string) => isEmail(s, { require_tld: true, allow_utf8_local_part: true, allow_display_name: false }));
const validate = ajv.compile<SystemsRegistry>(SystemsRegistrySchema);

function issueOf(e: ErrorObject): SystemsIssue {
  const at = e.instancePath;
  const connector = /^(\/systems\/\d+\/connector)/.exec(at) ?? (at.endsWith('/connector') ? [at, at] : null);
  if (connector?.[1]) return { path: connector[1], message: CONNECTOR_HINT };
  switch (e.keyword) {
    case 'required':
      return { path: `${at}/${(e.params as { missingProperty: string }).missingProperty}`, message: 'is missing: add it (see operator/systems/wellpro.json)' };
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {}).join(', ');
      return { path: `${at}/${(e.params as { additionalProperty: string }).additionalProperty}`, message: `is not a registry field: remove it (fields here: ${allowed})` };
    }
    case 'format':
      return { path: at, message: 'must be an e-mail address such as it@example.ru' };
    case 'pattern':
      return { path: at, message: at.endsWith('/id') ? 'must be kebab-case latin letters, e.g. "crm"' : at.endsWith('/connectionStringEnv') ? 'must be an environment variable name such as CRM_DATABASE_URL' : 'must not be blank' };
    case 'minItems':
      return { path: at, message: 'must not be empty' };
    default:
      return { path: at, message: e.message ?? 'is invalid' };
  }
}

/** Validates a parsed registry; `file` names it in the error. Fills defaults (connector "none"). */
export function parseSystemsRegistry(json: unknown, file: string): SystemsRegistry {
  const copy = structuredClone(json);
  if (!validate(copy)) {
    const issues = new Map<string, SystemsIssue>();
    for (const issue of (validate.errors ?? []).map(issueOf)) if (!issues.has(issue.path)) issues.set(issue.path, issue);
    throw new SystemsRegistryError(file, [...issues.values()]);
  }
  const seen = new Set<string>();
  const duplicates = copy.systems.flatMap((s, i) => (seen.has(s.id) ? [{ path: `/systems/${i}/id`, message: `"${s.id}" is used twice: give each system its own id` }] : (seen.add(s.id), [])));
  if (duplicates.length > 0) throw new SystemsRegistryError(file, duplicates);
  const unkeyed = copy.systems.flatMap(statementsWithoutKey);
  if (unkeyed.length > 0) throw new SystemsRegistryError(file, unkeyed);
  return copy;
}

/** `$1` as a parameter, outside string literals, quoted identifiers and comments (`$10` is another parameter). */
const usesKey = (sql: string) =>
  /\$1(?!\d)/.test(sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' '));

/**
 * The connector runs `block` and `erase` once per key `find` returned, with the key as $1. A statement that does not
 * use $1 does the same thing for every key: `DELETE FROM users` would empty the table, `UPDATE … WHERE email = $2`
 * would miss rows and the task would still say done. Refused at start-up, before any case can run it.
 */
function statementsWithoutKey(s: InformationSystem, i: number): SystemsIssue[] {
  if (s.connector.kind !== 'postgres') return [];
  const { block, erase } = s.connector;
  return ([['block', block], ['erase', erase]] as const).flatMap(([step, sql]) => (sql === undefined || usesKey(sql) ? [] : [{
    path: `/systems/${i}/connector/${step}`,
    message: `does not use $1, the key of one of the subject's rows (a value the find statement returned): it runs once per key, so without $1 it ${step === 'erase' ? 'erases' : 'blocks'} the same rows each time, not the subject's; add a condition on the key, e.g. "WHERE id = $1::int"`,
  }]));
}

export function loadSystemsRegistry(file: string): SystemsRegistry {
  const json = readSettingsJson(file, 'systems registry', 'set DSAR_SYSTEMS_FILE to the operator\'s systems JSON file (see operator/systems/wellpro.json).');
  return parseSystemsRegistry(json, file);
}

/**
 * DSAR_SYSTEMS_FILE (relative to the working directory), else the registry shipped for the profile in use
 * (operator/systems/<profile file name>): never another operator's.
 */
export function systemsRegistryFile(env: NodeJS.ProcessEnv): string {
  if (env.DSAR_SYSTEMS_FILE) return path.resolve(env.DSAR_SYSTEMS_FILE);
  if (!env.DSAR_OPERATOR_PROFILE) return DEFAULT_SYSTEMS_FILE;
  const shipped = path.resolve(__dirname, 'systems', path.basename(env.DSAR_OPERATOR_PROFILE));
  if (!existsSync(shipped)) {
    throw new ConfigError(`DSAR_SYSTEMS_FILE is not set and no systems registry ships for ${path.basename(env.DSAR_OPERATOR_PROFILE)}: ` +
      'describe the operator\'s information systems in a JSON file (see operator/systems/wellpro.json) and set DSAR_SYSTEMS_FILE to it.');
  }
  return shipped;
}

export function systemsRegistryFromEnv(env: NodeJS.ProcessEnv): SystemsRegistry {
  return loadSystemsRegistry(systemsRegistryFile(env));
}

/** The systems with the given ids, in registry order; an unknown id is a caller's mistake worth naming. */
export function systemsByIds(registry: SystemsRegistry, ids: readonly string[]): InformationSystem[] {
  const unknown = ids.filter((id) => !registry.systems.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown information system(s): ${unknown.join(', ')}; known: ${registry.systems.map((s) => s.id).join(', ')}`);
  return registry.systems.filter((s) => ids.includes(s.id));
}
