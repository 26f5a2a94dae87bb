import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../platform/config';
import { localEngine } from '../../../platform/local-engine';
import { projectRoot } from '../../../platform/tools';

describe('where npm start runs the engine (read by npm start and npx dsar alike)', () => {
  it('defaults to the documented ports and .data in the project', () => {
    expect(localEngine({})).toEqual({
      dataDir: path.join(projectRoot, '.data'),
      databaseUrl: 'postgres://dsar:dsar@127.0.0.1:54329/dsar', ownerDatabaseUrl: 'postgres://dsar:dsar@127.0.0.1:54329/dsar', embeddedPgPort: 54329,
      temporalPort: 7233, temporalUiPort: 8233, baseUrl: 'http://127.0.0.1:3000',
    });
  });

  it('follows DSAR_PG_PORT, PORT, HOST, TEMPORAL_PORT, TEMPORAL_UI_PORT and DSAR_DATA_DIR', () => {
    const engine = localEngine({ DSAR_PG_PORT: '55001', PORT: '3101', HOST: '127.0.0.2', TEMPORAL_PORT: '7301', TEMPORAL_UI_PORT: '8301', DSAR_DATA_DIR: '/tmp/engine-b' });
    expect(engine).toEqual({
      dataDir: '/tmp/engine-b', databaseUrl: 'postgres://dsar:dsar@127.0.0.1:55001/dsar', ownerDatabaseUrl: 'postgres://dsar:dsar@127.0.0.1:55001/dsar', embeddedPgPort: 55001,
      temporalPort: 7301, temporalUiPort: 8301, baseUrl: 'http://127.0.0.2:3101',
    });
  });

  it('uses DATABASE_URL when given, and then starts no embedded PostgreSQL', () => {
    const engine = localEngine({ DATABASE_URL: 'postgres://u:p@db.example:5432/dsar', DSAR_PG_PORT: '55001' });
    expect(engine.databaseUrl).toBe('postgres://u:p@db.example:5432/dsar');
    expect(engine.embeddedPgPort).toBeUndefined();
    expect(engine.ownerDatabaseUrl).toBe('postgres://u:p@db.example:5432/dsar');
    expect(localEngine({ DATABASE_URL: 'postgres://app@db/dsar', DATABASE_OWNER_URL: 'postgres://owner@db/dsar' }))
      .toMatchObject({ databaseUrl: 'postgres://app@db/dsar', ownerDatabaseUrl: 'postgres://owner@db/dsar' });
  });

  it('prints a URL one can open when the API listens on every interface', () => {
    expect(localEngine({ HOST: '0.0.0.0', PORT: '8080' }).baseUrl).toBe('http://127.0.0.1:8080');
    expect(localEngine({ HOST: '::1' }).baseUrl).toBe('http://[::1]:3000');
  });

  it('refuses a port that is not one, naming the setting', () => {
    for (const name of ['DSAR_PG_PORT', 'PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT']) {
      expect(() => localEngine({ [name]: '70000' })).toThrow(new ConfigError(`${name}=70000 is not a port number: use an integer 0–65535.`));
    }
  });
});
