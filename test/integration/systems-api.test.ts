import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../helpers/engine';

let engine: Engine;
beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => { await engine?.stop(); });

const get = (url: string, role: 'auditor' | 'officer' | 'dpo' | 'admin' = 'auditor') => engine.app.inject({ method: 'GET', url, headers: engine.auth(role) });

describe('GET /api/v1/systems', () => {
  it('shows WellPRO\'s systems to every reading role', async () => {
    for (const role of ['auditor', 'officer', 'dpo', 'admin'] as const) {
      const res = await get('/api/v1/systems', role);
      expect(res.statusCode).toBe(200);
      const { systems } = res.json();
      expect(systems.map((s: { id: string }) => s.id)).toEqual(['website-database', 'crm', 'mail', 'wellpro-portal', 'hosting-backups']);
      expect(systems[1]).toMatchObject({ name: { en: 'CRM system of WELL ENGINEERING LLC' }, automated: true, connector: { kind: 'none' }, owner: { email: 'mail@wellengineering.ru' } });
    }
  });

  it('needs a token and refuses query parameters', async () => {
    expect((await engine.app.inject({ method: 'GET', url: '/api/v1/systems' })).statusCode).toBe(401);
    const res = await get('/api/v1/systems?id=crm');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'unknown_field' });
  });
});
