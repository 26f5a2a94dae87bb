import { describe, expect, it } from 'vitest';
import { allowPrivilegedLogin, privilegeProblem } from '../../../platform/db-privilege';

const plain = { login: 'dsar_api', superuser: false, createRole: false, owners: [] };

describe('which database login may run the engine (ADR 017)', () => {
  it('accepts a login that is only a member of dsar_app', () => {
    expect(privilegeProblem(plain)).toBeUndefined();
  });

  it('refuses a superuser, a CREATEROLE login and one that is or may become the owner, saying each reason and the way out', () => {
    expect(privilegeProblem({ ...plain, superuser: true })).toBe('the database login dsar_api is a superuser: it could SET ROLE back and rewrite the audit log. ' +
      'Give DATABASE_URL a login role that is only a member of dsar_app (README, "Database roles"; migrations run as the owner with DATABASE_OWNER_URL), ' +
      'or set DSAR_DB_ALLOW_PRIVILEGED_LOGIN=true on a development machine.');
    expect(privilegeProblem({ ...plain, owners: ['dsar', 'dsar_owner'] })).toMatch(/^the database login dsar_api is or may become the owner \(dsar, dsar_owner\): /);
    expect(privilegeProblem({ ...plain, createRole: true })).toMatch(/^the database login dsar_api has CREATEROLE \(it could grant itself other roles\): /);
    expect(privilegeProblem({ login: 'x', superuser: true, createRole: true, owners: ['x'] }))
      .toMatch(/^the database login x is a superuser, is or may become the owner \(x\), has CREATEROLE/);
  });

  it('DSAR_DB_ALLOW_PRIVILEGED_LOGIN is false unless true; anything else stops the boot', () => {
    expect(allowPrivilegedLogin({})).toBe(false);
    expect(allowPrivilegedLogin({ DSAR_DB_ALLOW_PRIVILEGED_LOGIN: 'false' })).toBe(false);
    expect(allowPrivilegedLogin({ DSAR_DB_ALLOW_PRIVILEGED_LOGIN: 'true' })).toBe(true);
    expect(() => allowPrivilegedLogin({ DSAR_DB_ALLOW_PRIVILEGED_LOGIN: 'yes' })).toThrow('DSAR_DB_ALLOW_PRIVILEGED_LOGIN=yes must be true or false.');
  });
});
