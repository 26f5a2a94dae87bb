import { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openingTerms } from '../../domain/case/terms';
import { builtInCalendar, withOverrides } from '../../domain/legal-time';
import { dataConverter } from '../../platform/temporal';
import { caseActionUpdate, caseStateQuery } from '../../workflows/case-contract';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

const calendar = builtInCalendar();
let ts: TimeSkipping;
beforeAll(async () => { ts = await startTimeSkipping(); });
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => { await ts?.stop(); });

const startCase = (type?: Parameters<TimeSkipping['startCase']>[0]) => ts.startCase(type);
const newWorker = (taskQueue: string) => ts.worker(taskQueue);
/** The case's audit actions without the reminders before the due date (they have their own tests). */
const auditActions = async (caseId: string) => (await ts.auditActions(caseId)).filter((a) => a !== 'case.reminder');
const statusOf = (caseId: string) => ts.statusOf(caseId);

describe('case workflow on the time-skipping server', () => {
  it('escalates exactly when the statutory term ends (24:00 of the due day, Moscow time)', async () => {
    const { input, handle, taskQueue } = await startCase('access');
    const worker = await newWorker(taskQueue);
    await worker.runUntil(async () => {
      const untilDue = Date.parse(input.deadline.dueAt) - (await ts.env.currentTimeMs());
      expect(untilDue).toBeGreaterThan(10 * 24 * 3600_000); // 10 working days ahead, at least two weeks
      await ts.env.sleep(untilDue - 60_000); // one minute before 24:00 of the last day
      expect((await handle.query(caseStateQuery)).status).toBe('received');
      expect(await auditActions(input.caseId)).toEqual(['case.opened']);
      await ts.env.sleep(120_000); // one minute after
      expect((await handle.query(caseStateQuery)).status).toBe('overdue');
      await expect.poll(() => statusOf(input.caseId)).toBe('overdue');
      expect(await auditActions(input.caseId)).toEqual(['case.opened', 'case.escalate']);
    });
  });

  it('gives a blocking request ("at once") until 24:00 of the day of receipt, then escalates', async () => {
    const { input, handle, taskQueue } = await startCase('blocking');
    const day0 = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(input.receivedAt));
    expect(input.deadline).toMatchObject({ rule: 'block_on_report', due: day0 });
    const worker = await newWorker(taskQueue);
    await worker.runUntil(async () => {
      const untilDue = Date.parse(input.deadline.dueAt) - (await ts.env.currentTimeMs());
      expect(untilDue).toBeGreaterThan(0);
      expect(untilDue).toBeLessThanOrEqual(24 * 3600_000);
      await ts.env.sleep(Math.max(0, untilDue - 1000));
      expect((await handle.query(caseStateQuery)).status).toBe('received');
      await ts.env.sleep(2000);
      expect((await handle.query(caseStateQuery)).status).toBe('overdue');
    });
  });

  it('closes without escalation when the officer responds in time', async () => {
    const { input, handle, taskQueue } = await startCase('access');
    const worker = await newWorker(taskQueue);
    const result = await worker.runUntil(async () => {
      await ts.env.sleep(3 * 24 * 3600_000);
      const state = await handle.executeUpdate(caseActionUpdate, { args: [{ action: 'respond', actor: 'officer A', note: 'corrected' }] });
      expect(state.status).toBe('responded');
      return handle.result();
    });
    expect(result).toMatchObject({ status: 'responded', transitions: 1 });
    expect(await auditActions(input.caseId)).toEqual(['case.opened', 'case.respond']);
    expect(await statusOf(input.caseId)).toBe('responded');
  });

  it('replays its recorded history unchanged after a calendar update: the term is in history, the calendar is not in the bundle', async () => {
    // The workflow cannot recompute a term during replay: no calendar data or legal-time code is bundled.
    expect(inject('workflowBundleCode')).not.toMatch(/transferred_day_off|working_weekend|Новогодние/);

    const { input, handle, taskQueue } = await startCase('access');
    const worker = await newWorker(taskQueue);
    await worker.runUntil(async () => {
      await ts.env.sleep(Date.parse(input.deadline.dueAt) - (await ts.env.currentTimeMs()) + 1000);
      await handle.executeUpdate(caseActionUpdate, { args: [{ action: 'respond', actor: 'officer A' }] });
      await handle.result();
    });
    // A decree later declares the original due day a holiday: new cases get a new date and version …
    const dueYear = Number(input.deadline.due.slice(0, 4));
    const known = calendar.years.find((y) => y.year === dueYear);
    const decree = { date: input.deadline.due, status: 'nonworking', kind: 'holiday', note: 'test decree' } as const;
    const updated = withOverrides(calendar, [known
      ? { ...known, days: [...known.days.filter((d) => d.date !== decree.date), decree] }
      : { year: dueYear, country: 'RU', source: 'test decree', provisional: false, days: [decree] }]);
    const recomputed = openingTerms('access', input.receivedAt, { calendar: updated, timeZone: 'Europe/Moscow' })[0]!.deadline;
    expect(recomputed.calendarVersion).not.toBe(input.deadline.calendarVersion);
    expect(recomputed.due).not.toBe(input.deadline.due);
    // … while the finished case replays deterministically and keeps the term it was opened with.
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { code: inject('workflowBundleCode') }, dataConverter: dataConverter(ts.payloadKey) }, history, input.caseId);
    const stored = (await ts.pool.query(`SELECT to_char(due, 'YYYY-MM-DD') AS due, calendar_version FROM cases WHERE id = $1`, [input.caseId])).rows[0];
    expect(stored).toEqual({ due: input.deadline.due, calendar_version: input.deadline.calendarVersion });
  });
});
