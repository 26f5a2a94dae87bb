import { randomBytes } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type pg from 'pg';
import { inject } from 'vitest';
import { createActivities } from '../../activities';
import { letterDeps } from '../../worker/letter-deps';
import { insertCaseRow } from '../../activities/case-rows';
import { openingTerms } from '../../domain/case/terms';
import { DEFAULT_REMINDER_POLICY } from '../../domain/case/reminders';
import type { CaseType } from '../../domain/case/request-types';
import { builtInCalendar, type Calendar } from '../../domain/legal-time';
import { systemsRegistryFromEnv } from '../../operator/systems';
import { createPool } from '../../platform/db';
import { dataConverter } from '../../platform/temporal';
import { caseWorkflow } from '../../workflows';
import type { CaseOpened, CaseTerm } from '../../workflows/case-contract';
import { freshDatabase } from './database';
import { eventually } from './eventually';

Runtime.install({ logger: new DefaultLogger('WARN') });

export type Activities = ReturnType<typeof createActivities>;

const withTerms = (terms: CaseTerm[]) => ({ terms, deadline: terms[0]!.deadline });

/**
 * The time-skipping test server with the production bundle, payload codec and activities against a fresh
 * database. Each case runs on its own task queue, so a test can give its worker altered activities.
 * `calendar` (default: the built-in one) plans the cases' terms and the worker's daily reminders; a test that
 * needs a moment of the year supplies years ahead of the clock (calendar-ahead.ts).
 */
export async function startTimeSkipping(opts: { payloadKey?: Buffer; calendar?: Calendar } = {}) {
  const payloadKey = opts.payloadKey ?? randomBytes(32);
  /** The calendar and zone the cases below are planned with; with the policy, the worker plans more daily reminders. */
  const ctx = { calendar: opts.calendar ?? builtInCalendar(), timeZone: 'Europe/Moscow' };
  const reminders = { ...ctx, reminderPolicy: DEFAULT_REMINDER_POLICY };
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServer') } },
    client: { dataConverter: dataConverter(payloadKey) },
  });
  const db = await freshDatabase();
  const pool = createPool(db.url, 4);
  let seq = 0;
  const started: Array<{ workflowId: string; terminate(reason: string): Promise<unknown>; describe(): Promise<{ status: { name: string } }> }> = [];
  /** The systems whose destruction workflows a case may have started: the default registry's, and any a test adds. */
  const destructionSystems = new Set(systemsRegistryFromEnv(process.env).systems.map((s) => s.id));
  return {
    env, pool, payloadKey, destructionSystems, ctx,
    activities: () => createActivities({ pool, letters: letterDeps(), reminders }),
    worker: (taskQueue: string, activities: Activities = createActivities({ pool, letters: letterDeps(), reminders })) => Worker.create({
      connection: env.nativeConnection, taskQueue, workflowBundle: { code: inject('workflowBundleCode') },
      activities, dataConverter: dataConverter(payloadKey),
    }),
    /**
     * A case received "now" in test-server time (it only moves forward); with `row`, intake's row is written as the API would.
     * With `taskQueue`, cases share one queue (and one worker) instead of a queue each.
     */
    async startCase(type: CaseType = 'access', opts: { row?: boolean; change?: (input: CaseOpened) => CaseOpened; taskQueue?: string } = {}) {
      const receivedAt = new Date(await env.currentTimeMs()).toISOString();
      const base: CaseOpened = {
        caseId: `DSAR-2026-${String(900000 + ++seq)}`, type, channel: 'email', receivedAt,
        subject: { name: 'Test Subject', email: 'subject@example.ru' }, actedAt: receivedAt, openedBy: 'test',
        ...withTerms(openingTerms(type, receivedAt, ctx)),
      };
      const input = opts.change ? opts.change(base) : base;
      if (opts.row !== false) {
        const client = await pool.connect();
        await insertCaseRow(client, input).finally(() => client.release());
      }
      const taskQueue = opts.taskQueue ?? `wf-${input.caseId}`;
      const handle = await env.client.workflow.start(caseWorkflow, { workflowId: input.caseId, taskQueue, args: [input] });
      started.push(handle);
      return { input, handle, taskQueue };
    },
    /**
     * Waits until the case's acknowledgement letter is in the outbox. A test that stops its worker earlier leaves
     * the letter's activity task waiting for a worker, and the test server then skips no time for the next test.
     */
    acknowledged: (caseId: string) => eventually(async () =>
      (await pool.query(`SELECT count(*)::int AS n FROM letters WHERE case_id = $1 AND kind = 'acknowledgement'`, [caseId])).rows[0].n === 1),
    auditActions: async (caseId: string) =>
      (await pool.query('SELECT action FROM audit_events WHERE case_id = $1 ORDER BY id', [caseId])).rows.map((r) => r.action as string),
    statusOf: async (caseId: string) => (await pool.query('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0]?.status as string | undefined,
    /**
     * Ends the cases a test left open: their timers (reminders) would fire while a later test skips time, and
     * the test server does not skip time past a task no worker takes. Call it after each test.
     */
    async endOpenCases() {
      for (const handle of started.splice(0)) {
        // Its systems' destruction workflows outlive it (ABANDON), and one may still be finishing with no worker left.
        for (const system of destructionSystems) {
          const child = env.client.workflow.getHandle(`${handle.workflowId}:destroy:${system}`);
          const running = await child.describe().then((d) => d.status.name === 'RUNNING', () => false);
          if (running) await child.terminate('test finished').catch(() => undefined);
        }
        if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test finished');
      }
    },
    async stop() {
      await env.teardown();
      await pool.end();
      await db.drop();
    },
  };
}
export type TimeSkipping = Awaited<ReturnType<typeof startTimeSkipping>>;
