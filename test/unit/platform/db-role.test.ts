import { describe, expect, it } from 'vitest';
import { dbAppRole, withAppRole } from '../../../platform/db-role';

describe('DSAR_DB_APP_ROLE', () => {
  it('is dsar_app unless set; none turns it off; a name that is not a role name stops the boot', () => {
    expect(dbAppRole({})).toBe('dsar_app');
    expect(dbAppRole({ DSAR_DB_APP_ROLE: '' })).toBe('dsar_app');
    expect(dbAppRole({ DSAR_DB_APP_ROLE: 'none' })).toBeNull();
    expect(dbAppRole({ DSAR_DB_APP_ROLE: 'engine_rw' })).toBe('engine_rw');
    expect(() => dbAppRole({ DSAR_DB_APP_ROLE: 'x -c role=postgres' })).toThrow(/DSAR_DB_APP_ROLE=.*lower-case letters, digits and _/);
  });

  it('puts the role into the startup options, keeping options the URL already has', () => {
    const plain = new URL(withAppRole('postgres://u:p@db:5432/dsar', 'dsar_app'));
    expect(plain.searchParams.get('options')).toBe('-c role=dsar_app');
    expect(`${plain.username}:${plain.password}@${plain.host}${plain.pathname}`).toBe('u:p@db:5432/dsar');
    const withOptions = new URL(withAppRole('postgres://u@db/dsar?sslmode=require&options=-c%20search_path%3Ddsar', 'dsar_app'));
    expect(withOptions.searchParams.get('options')).toBe('-c search_path=dsar -c role=dsar_app');
    expect(withOptions.searchParams.get('sslmode')).toBe('require');
    expect(withAppRole('postgres://u@db/dsar', null)).toBe('postgres://u@db/dsar');
  });
});
