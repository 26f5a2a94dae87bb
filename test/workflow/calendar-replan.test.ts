import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { ensureCalendarReplan } from '../../calendar/start-replan';
import { DEFAULT_REMINDER_POLICY, planReminders } from '../../domain/case/reminders';
import { openingTerms } from '../../domain/case/terms';
import { addWorkingDays, createCalendar, type CalendarYear } from '../../domain/legal-time';
import { letterDeps } from '../../worker/letter-deps';
import { calendarChangedSignal, caseActionUpdate, caseStateQuery } from '../../workflows/case-contract';
import { eventually } from '../helpers/eventually';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/**
 * A case counted on a provisional year, then the official year arrives with one more day off inside the term
 * (docs/adr/015). Both calendars are synthetic and built around the test server's "now", so the test means the
 * same next year (and under `faketime -f +400d`).
 */
const ZONE = 'Europe/Moscow';
const MINUTE = 60_000;

let ts: TimeSkipping;
beforeAll(async () => { ts = await startTimeSkipping(); });
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => { await ts?.stop(); });

const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

/** Plain Mon–Fri years around `year`: provisional (a projection), or official with the given days off. */
function calendarAround(year: number, official?: { decree: string; daysOff: string[] }) {
  const years: CalendarYear[] = [year, year + 1].map((y) => ({
    year: y, country: 'RU', provisional: !official, source: official ? `Test Decree No. ${official.decree} of 01.09.${y - 1}` : 'projection for the test',
    days: (official?.daysOff ?? []).filter((d) => d.startsWith(`${y}-`)).map((date) => ({ date, status: 'nonworking', kind: 'holiday' })),
  }));
  return createCalendar(years);
}

describe('a calendar import that moves the due date of an open case', () => {
  it('re-plans it: the audit event names both versions, the assignee is told once, the escalation fires at the new instant', async () => {
    const startMs = await ts.env.currentTimeMs();
    const year = Number(localDate(startMs).slice(0, 4));
    const provisional = calendarAround(year);
    const day0 = localDate(startMs);
    // The decree makes the 3rd working day of the term a day off: the 10-working-day term ends one working day later.
    const dayOff = addWorkingDays(provisional, day0, 3);
    const official = calendarAround(year, { decree: '777', daysOff: [dayOff] });
    const ctx = { timeZone: ZONE, reminderPolicy: DEFAULT_REMINDER_POLICY };

    const { input, handle, taskQueue } = await ts.startCase('access', {
      change: (c) => { const terms = openingTerms('access', c.receivedAt, { calendar: provisional, timeZone: ZONE }); return { ...c, terms, deadline: terms[0]!.deadline }; },
    });
    const old = input.terms![0]!.deadline;
    expect(old.calendarVersion).toBe(provisional.version);
    const newDue = addWorkingDays(official, day0, 10);
    expect(newDue > old.due).toBe(true);

    // The worker now runs with the official year, as after `dsar calendar import` and a restart. Letters about the
    // move are counted as the activity is asked for them: a second re-plan must not ask again.
    const base = createActivities({ pool: ts.pool, letters: letterDeps(), reminders: { calendar: official, ...ctx } });
    const moveLetters: string[] = [];
    const activities = { ...base, sendCaseLetter: async (req: Parameters<typeof base.sendCaseLetter>[0]) => {
      if (req.dedupeKey.includes(':due_moved:')) moveLetters.push(req.dedupeKey);
      return base.sendCaseLetter(req);
    } };
    const worker = await ts.worker(taskQueue, activities);
    await worker.runUntil(async () => {
      await ts.acknowledged(input.caseId);
      await handle.executeUpdate(caseActionUpdate, { args: [{ action: 'assign', actor: 'officer A', details: { assignee: { name: 'Olga Officer', email: 'olga@example.ru' } } }] });

      expect(await ensureCalendarReplan(ts.env.client, ts.pool, taskQueue, official.version)).toBe(true);
      await eventually(async () => (await ts.auditActions(input.caseId)).includes('case.due_moved'));
      await eventually(async () => moveLetters.length === 1);
      // Started once per version, however often workers start; a repeated signal finds nothing left to move.
      expect(await ensureCalendarReplan(ts.env.client, ts.pool, taskQueue, official.version)).toBe(false);
      await handle.signal(calendarChangedSignal, { version: official.version });
      const state = await handle.query(caseStateQuery);
      expect(state).toMatchObject({ due: newDue, status: 'received' });

      // Past the old end of the term: nothing fires there any more.
      await ts.env.sleep(Date.parse(old.dueAt) - (await ts.env.currentTimeMs()) + MINUTE);
      expect(await ts.auditActions(input.caseId)).not.toContain('case.escalate');
      expect((await handle.query(caseStateQuery)).status).toBe('received');
      // Past the new end: the escalation fires, once.
      await ts.env.sleep(Date.parse(state.dueAt) - (await ts.env.currentTimeMs()) + MINUTE);
      await eventually(async () => (await ts.auditActions(input.caseId)).includes('case.escalate'));
    });

    const moved = (await ts.pool.query(`SELECT data, message FROM audit_events WHERE case_id = $1 AND action = 'case.due_moved'`, [input.caseId])).rows;
    expect(moved).toHaveLength(1);
    expect(moved[0].data).toMatchObject({ term: 'answer', rule: 'access', fromVersion: provisional.version, toVersion: official.version, oldDue: old.due, newDue });
    expect(moved[0].message).toContain(`${provisional.version} → ${official.version}`);

    const newDueAt = moved[0].data.newDueAt as string;
    const escalations = (await ts.pool.query(
      `SELECT acted_at, (data->>'firedAt')::timestamptz AS fired FROM audit_events WHERE case_id = $1 AND action = 'case.escalate'`, [input.caseId])).rows;
    expect(escalations).toHaveLength(1);
    expect(escalations[0].acted_at.getTime()).toBe(Date.parse(newDueAt));
    expect(Math.abs(escalations[0].fired.getTime() - Date.parse(newDueAt))).toBeLessThan(1000);
    // The day reminders follow too: the last one before the due date fired on the new plan's instant, never the old one.
    const newPlan = planReminders({ ...old, due: newDue, dueAt: newDueAt, calendarVersion: official.version }, { calendar: official, timeZone: ZONE });
    const oldBefore1 = input.terms![0]!.reminders.find((r) => r.key === 'before_1wd')!.at;
    const newBefore1 = newPlan.find((r) => r.key === 'before_1wd')!.at;
    const before1 = (await ts.pool.query(`SELECT acted_at FROM audit_events WHERE case_id = $1 AND data->>'reminder' = 'before_1wd'`, [input.caseId])).rows;
    expect(before1.map((r) => r.acted_at.getTime())).toEqual([Date.parse(newBefore1)]);
    expect(Date.parse(newBefore1)).not.toBe(Date.parse(oldBefore1));

    // The assignee was told once, with both versions; the read model shows the new date on the new calendar.
    expect(moveLetters).toEqual([`${input.caseId}:due_moved:answer:${official.version}`]);
    const letter = (await ts.pool.query(`SELECT recipient, body_text AS body FROM letters WHERE case_id = $1 AND dedupe_key LIKE '%:due_moved:%'`, [input.caseId])).rows;
    expect(letter).toHaveLength(1);
    expect(letter[0].recipient).toBe('olga@example.ru');
    expect(letter[0].body).toContain(official.version);
    expect(letter[0].body).toContain(provisional.version);
    // The note names the term's rule and both dates as staff read them (day.month.year), in Russian and in English.
    const dmy = (iso: string) => iso.split('-').reverse().join('.');
    expect(letter[0].body).toContain(`Производственный календарь изменён (${provisional.version} → ${official.version}): срок (access) перенесён с ${dmy(old.due)} на ${dmy(newDue)}.\n`);
    expect(letter[0].body).toContain(`The production calendar changed (${provisional.version} → ${official.version}): the access term moved from ${dmy(old.due)} to ${dmy(newDue)}.`);
    const row = (await ts.pool.query(`SELECT to_char(due, 'YYYY-MM-DD') AS due, calendar_version FROM cases WHERE id = $1`, [input.caseId])).rows[0];
    expect(row).toEqual({ due: newDue, calendar_version: official.version });
    const versions = (await ts.pool.query(`SELECT cases_signalled, replanned_at FROM calendar_versions WHERE version = $1`, [official.version])).rows;
    expect(versions).toEqual([{ cases_signalled: 1, replanned_at: expect.any(Date) }]);
  }, 120_000);
});
