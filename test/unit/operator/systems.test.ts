import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SYSTEMS_FILE, loadSystemsRegistry, parseSystemsRegistry, systemsRegistryFromEnv, SystemsRegistryError } from '../../../operator/systems';
import { ConfigError } from '../../../platform/config-error';

const wellpro = loadSystemsRegistry(DEFAULT_SYSTEMS_FILE);
const valid = () => structuredClone(wellpro) as unknown as { systems: Array<Record<string, unknown>> };

const refusal = (json: unknown): string => {
  try {
    parseSystemsRegistry(json, 'systems.json');
  } catch (err) {
    expect(err).toBeInstanceOf(SystemsRegistryError);
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('the systems registry', () => {
  it('ships WellPRO\'s five systems from its policy §9.3, each with categories, owner, method and whether automated', () => {
    expect(wellpro.systems.map((s) => s.id)).toEqual(['website-database', 'crm', 'mail', 'wellpro-portal', 'hosting-backups']);
    for (const s of wellpro.systems) {
      expect(s.categories.length).toBeGreaterThan(0);
      expect(s.owner.email).toMatch(/@wellengineering\.ru$/);
      expect(s.destructionMethod.ru).toBeTruthy();
      expect(s.connector).toEqual({ kind: 'none' });
    }
  });

  it('is what start-up uses unless DSAR_SYSTEMS_FILE names another file', () => {
    expect(systemsRegistryFromEnv({})).toEqual(wellpro);
    const dir = mkdtempSync(path.join(tmpdir(), 'dsar-systems-'));
    const one = { systems: [{ ...valid().systems[0], id: 'only-one' }] };
    writeFileSync(path.join(dir, 'mine.json'), JSON.stringify(one));
    expect(systemsRegistryFromEnv({ DSAR_SYSTEMS_FILE: path.join(dir, 'mine.json') }).systems.map((s) => s.id)).toEqual(['only-one']);
    expect(() => systemsRegistryFromEnv({ DSAR_SYSTEMS_FILE: path.join(dir, 'missing.json') })).toThrow(/cannot be read \(ENOENT\): set DSAR_SYSTEMS_FILE/);
    writeFileSync(path.join(dir, 'broken.json'), '{');
    expect(() => systemsRegistryFromEnv({ DSAR_SYSTEMS_FILE: path.join(dir, 'broken.json') })).toThrow(ConfigError);
  });

  it('accepts a PostgreSQL connector: the connection string\'s variable name and the SQL', () => {
    const json = valid();
    json.systems[0]!.connector = { kind: 'postgres', connectionStringEnv: 'SITE_DATABASE_URL', find: 'SELECT id FROM leads WHERE email = $1', erase: 'DELETE FROM leads WHERE id = $1::int' };
    expect(parseSystemsRegistry(json, 'x').systems[0]!.connector).toMatchObject({ kind: 'postgres', connectionStringEnv: 'SITE_DATABASE_URL' });
  });

  it('refuses a block or erase statement that does not use $1, the subject\'s row key, and says what to add', () => {
    const withConnector = (connector: Record<string, string>) => {
      const json = valid();
      json.systems[0]!.connector = { kind: 'postgres', connectionStringEnv: 'SITE_DATABASE_URL', find: 'SELECT id FROM users WHERE lower(email) = lower($1)', ...connector };
      return json;
    };
    // Run once per key, this would empty the whole table.
    expect(refusal(withConnector({ erase: 'DELETE FROM users' })))
      .toMatch(/\/systems\/0\/connector\/erase does not use \$1, the key of one of the subject's rows .* add a condition on the key, e\.g\. "WHERE id = \$1::int"/);
    // $2 is the case number, not the row: every key would block the same nothing (or everything).
    expect(refusal(withConnector({ block: 'UPDATE users SET blocked = true WHERE note = $2', erase: 'DELETE FROM users WHERE id = $1::int' })))
      .toMatch(/\/systems\/0\/connector\/block does not use \$1/);
    // $1 only inside a literal, a quoted name or a comment, or as part of $10, is not the key.
    for (const erase of ["DELETE FROM users WHERE note = '$1'", 'DELETE FROM users WHERE "$1" IS NULL', 'DELETE FROM users -- WHERE id = $1', 'DELETE FROM users /* $1 */', 'DELETE FROM users WHERE id = $10']) {
      expect(refusal(withConnector({ erase })), erase).toMatch(/connector\/erase does not use \$1/);
    }
    expect(parseSystemsRegistry(withConnector({ block: 'UPDATE users SET blocked = true WHERE id = $1::int', erase: 'DELETE FROM users WHERE id=$1' }), 'x').systems[0]!.connector.kind).toBe('postgres');
  });

  it('names what is wrong and what to put there', () => {
    const noOwner = valid();
    delete noOwner.systems[1]!.owner;
    expect(refusal(noOwner)).toMatch(/systems registry systems\.json is not usable .*\/systems\/1\/owner is missing/);

    const badEmail = valid();
    badEmail.systems[0]!.owner = { name: 'A', position: 'B', email: 'not-an-address' };
    expect(refusal(badEmail)).toMatch(/\/systems\/0\/owner\/email must be an e-mail address/);

    const typo = valid();
    typo.systems[2]!.proccessor = { name: 'X', address: 'Y' };
    expect(refusal(typo)).toMatch(/\/systems\/2\/proccessor is not a registry field: remove it \(fields here: .*processor/);

    const badConnector = valid();
    badConnector.systems[0]!.connector = { kind: 'postgres', connectionStringEnv: 'postgres://user:pw@host/db', find: 'SELECT 1', erase: 'DELETE' };
    expect(refusal(badConnector)).toMatch(/\/systems\/0\/connector must be \{"kind": "none"\}.* or \{"kind": "postgres"/);

    const twice = valid();
    twice.systems[1]!.id = 'website-database';
    expect(refusal(twice)).toMatch(/\/systems\/1\/id "website-database" is used twice/);

    expect(refusal({ systems: [] })).toMatch(/\/systems must not be empty/);
    const noCategories = valid();
    noCategories.systems[0]!.categories = [];
    expect(refusal(noCategories)).toMatch(/\/systems\/0\/categories must not be empty/);
  });
});
