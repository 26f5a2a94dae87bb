import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateIdFor } from '../../api/features/cases/take-action';
import { startEngine, type Engine } from '../helpers/engine';

let engine: Engine;
beforeAll(async () => { engine = await startEngine(); });
afterAll(async () => { await engine?.stop(); });

describe("a client's Idempotency-Key on an action", () => {
  it('reaches Temporal only hashed in the update id; the audit event keeps it to recognise a repeat', async () => {
    const opened = await engine.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
      payload: { type: 'access', subject: { name: 'Ivan Petrov' }, channel: 'email', receivedAt: new Date().toISOString() },
    });
    const id = opened.json().id as string;
    const key = 'crm-ticket-4711-ivan-petrov';
    const act = () => engine.app.inject({
      method: 'POST', url: `/api/v1/cases/${id}/actions`, headers: { ...engine.auth('officer'), 'idempotency-key': key }, payload: { action: 'respond' },
    });
    expect((await act()).statusCode).toBe(200);
    expect((await act()).statusCode).toBe(200);

    const raw = await engine.app.temporal.workflowService.getWorkflowExecutionHistory({ namespace: 'dsar', execution: { workflowId: id } });
    const events = raw.history?.events ?? [];
    const stored = JSON.stringify(events, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    const accepted = events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest?.meta?.updateId).toBe(updateIdFor(id, key));
    expect(stored).not.toContain(key);
    expect(stored).not.toContain('crm-ticket');

    const history = (await engine.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/history`, headers: engine.auth('auditor') })).json();
    const responds = history.events.filter((e: { action: string }) => e.action === 'case.respond');
    expect(responds).toHaveLength(1);
    expect(responds[0].data).toMatchObject({ requestId: key });
  });
});
