import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { calendarReplanWorkflowId } from '../../calendar/start-replan';
import { addWorkingDays, builtInCalendar, computeDeadline, statutoryYearFlags, withOverrides, type CalendarYear } from '../../domain/legal-time';
import { eventually, startEngine, type Engine } from '../helpers/engine';
import { kill, startEntryPoint } from '../helpers/processes';

/**
 * How running engines learn of a new calendar (docs/adr/015): the production worker (worker/main.ts), restarted with a
 * DSAR_CALENDAR_DIR that corrects the year of an open case's term, starts the re-plan once, and the case's due moves.
 * The correction is built around today (a day off on the 3rd working day of the term), so the test does not age.
 */
let engine: Engine;
let worker: ChildProcess | undefined;
beforeAll(async () => { engine = await startEngine({ worker: false }); });
afterAll(async () => {
  await kill(worker, 'SIGTERM');
  await engine?.stop();
});

const ZONE = 'Europe/Moscow';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());

/** The year of `date` as the built-in calendar counts it (past its data: the statutory base's days off), with `date` made a day off. */
function correctedYear(date: string): CalendarYear {
  const y = Number(date.slice(0, 4));
  const base = builtInCalendar().years.find((x) => x.year === y) ?? { year: y, country: 'RU' as const, source: '', provisional: true, days: statutoryDaysOff(y) };
  return { ...base, source: 'Test Correction No. 9 of 01.01.2000', days: [...base.days.filter((d) => d.date !== date), { date, status: 'nonworking', kind: 'holiday' }] };
}

function statutoryDaysOff(year: number): CalendarYear['days'] {
  const flags = statutoryYearFlags(year);
  const start = Date.UTC(year, 0, 1);
  const days: Array<CalendarYear['days'][number]> = [];
  flags.forEach((working, i) => {
    const at = new Date(start + i * 86_400_000);
    const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6;
    if (!working && !weekend) days.push({ date: at.toISOString().slice(0, 10), status: 'nonworking', kind: 'holiday' });
  });
  return days;
}

it('a worker restarted with a corrected year re-plans the open case once, however often it restarts', async () => {
  worker = startEntryPoint('worker/main.ts', engine.config);
  const opened = await engine.app.inject({ method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', subject: { name: 'Calendar Case', email: 'calendar@example.ru' }, channel: 'email', receivedAt: new Date().toISOString() } });
  expect(opened.statusCode).toBe(201);
  const caseId = opened.json().id as string;
  const before = opened.json().due as string;
  await eventually(async () => (await engine.pool.query(`SELECT 1 FROM letters WHERE case_id = $1`, [caseId])).rowCount === 1, 60_000);
  const builtIn = builtInCalendar().version;
  await eventually(async () => (await engine.pool.query(`SELECT 1 FROM calendar_versions WHERE version = $1 AND replanned_at IS NOT NULL`, [builtIn])).rowCount === 1, 30_000);
  expect((await engine.pool.query(`SELECT 1 FROM audit_events WHERE case_id = $1 AND action = 'case.due_moved'`, [caseId])).rowCount).toBe(0);

  const dayOff = addWorkingDays(builtInCalendar(), today(), 3);
  const dir = mkdtempSync(path.join(tmpdir(), 'dsar-calendar-'));
  writeFileSync(path.join(dir, `ru-${dayOff.slice(0, 4)}.json`), JSON.stringify(correctedYear(dayOff)));
  const corrected = withOverrides(builtInCalendar(), [correctedYear(dayOff)]);
  const expected = computeDeadline({ rule: 'access', from: opened.json().deadline.from }, { calendar: corrected, timeZone: ZONE });
  expect(expected.due > before).toBe(true);

  await kill(worker, 'SIGTERM');
  worker = startEntryPoint('worker/main.ts', engine.config, { DSAR_CALENDAR_DIR: dir });
  const moved = await eventually(async () => (await engine.pool.query(
    `SELECT data FROM audit_events WHERE case_id = $1 AND action = 'case.due_moved'`, [caseId])).rows[0]?.data, 60_000);
  expect(moved).toMatchObject({ rule: 'access', fromVersion: builtIn, toVersion: corrected.version, oldDue: before, newDue: expected.due });
  const row = await eventually(async () => (await engine.pool.query(
    `SELECT to_char(due, 'YYYY-MM-DD') AS due, calendar_version FROM cases WHERE id = $1 AND calendar_version = $2`, [caseId, corrected.version])).rows[0]);
  expect(row.due).toBe(expected.due);
  const replan = engine.app.temporal.workflow.getHandle(calendarReplanWorkflowId(engine.taskQueue, corrected.version));
  const first = await replan.describe();
  await eventually(async () => (await engine.pool.query(`SELECT cases_signalled FROM calendar_versions WHERE version = $1`, [corrected.version])).rows[0]?.cases_signalled === 1);

  // A second start with the same folder: the same re-plan run, no second one, the case told nothing more.
  await kill(worker, 'SIGTERM');
  worker = startEntryPoint('worker/main.ts', engine.config, { DSAR_CALENDAR_DIR: dir });
  const again = await engine.app.inject({ method: 'POST', url: '/api/v1/cases', headers: engine.auth('officer'),
    payload: { type: 'access', subject: { name: 'Second Case', email: 'second@example.ru' }, channel: 'email', receivedAt: new Date().toISOString() } });
  await eventually(async () => (await engine.pool.query(`SELECT 1 FROM letters WHERE case_id = $1`, [again.json().id])).rowCount === 1, 60_000);
  expect((await replan.describe()).runId).toBe(first.runId);
  const runs = await engine.app.temporal.workflow.count(`WorkflowId = '${calendarReplanWorkflowId(engine.taskQueue, corrected.version)}'`);
  expect(runs.count).toBe(1);
  expect((await engine.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND action = 'case.due_moved'`, [caseId])).rows[0].n).toBe(1);
}, 240_000);
