import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOperatorProfile } from '../../operator/profile';
import { startEngine, type Engine } from '../helpers/engine';

// JUG Ru's profile (seed 003): its policy promises deletion in 10 WD + 5 (§9.5), longer than destroy_on_evidence.
const jugru = loadOperatorProfile(path.resolve(__dirname, '../../operator/profiles/jugru.json'));

let engine: Engine;
beforeAll(async () => { engine = await startEngine({ worker: false, config: (c) => ({ ...c, operator: jugru }) }); });
afterAll(async () => { await engine?.stop(); });

const get = (url: string, role: 'auditor' | 'officer' = 'auditor') => engine.app.inject({ method: 'GET', url, headers: engine.auth(role) });

describe('GET /api/v1/operator', () => {
  it('shows an auditor the profile, the internal terms applied and the conflict with the statute', async () => {
    const res = await get('/api/v1/operator');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.profile).toMatchObject({
      legalName: { asInPolicy: 'JUG Ru Group LLC' }, inn: '7801341446', ogrn: '1177847388465', kpp: '780101001',
      address: { legal: expect.stringContaining('199004') }, letterLanguage: 'ru',
      requestChannels: { mailboxes: [{ address: 'support@jugru.team' }] },
    });
    expect(body.profile.promisedTerms.destroy_on_evidence).toMatchObject({ n: 10, clause: '§9.5', extension: { n: 5 } });
    expect(body.appliedTerms).toMatchObject({ destroy_on_evidence: { n: 7, unit: 'working_days' }, access: { n: 10, unit: 'working_days' } });
    expect(body.conflicts).toEqual([{
      rule: 'destroy_on_evidence', clause: '§9.5',
      promised: { n: 10, unit: 'working_days', extension: 5 },
      statutory: { n: 7, unit: 'working_days', extension: null, basis: '152-FZ art. 20 p.3' },
      applied: { n: 7, unit: 'working_days' },
      message: expect.stringContaining('the statutory term is applied'),
    }]);
    expect(body.gaps.map((g: { path: string }) => g.path)).toEqual(['/dpo', '/head']);
  });

  it('counts deadlines with the applied term, never the longer promise', async () => {
    const res = await get('/api/v1/deadlines?rule=destroy_on_evidence&from=2025-10-24', 'officer');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ due: '2025-11-05', internal: { n: 7, due: '2025-11-05' } });
  });

  it('needs a token and refuses query parameters', async () => {
    expect((await engine.app.inject({ method: 'GET', url: '/api/v1/operator' })).statusCode).toBe(401);
    const res = await get('/api/v1/operator?full=1');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'unknown_field' });
  });
});
