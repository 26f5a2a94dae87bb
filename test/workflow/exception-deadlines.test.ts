import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { planReminders } from '../../domain/case/reminders';
import { builtInCalendar, isWorkingDay } from '../../domain/legal-time';
import { caseStateQuery } from '../../workflows/case-contract';
import { calendarAhead } from '../helpers/calendar-ahead';
import { ended, lateness, officer, ON_TIME_MS, records, skipTo } from '../helpers/case-actions';
import { eventually } from '../helpers/eventually';
import { reminderFirings } from '../helpers/history';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/**
 * Deadlines on the calendar itself, on the time-skipping server: reminders across the January holidays, the
 * escalation at 24:00 of the due day, and the 6-month destruction fallback. The moments lie in two synthetic
 * years ahead of the clock, laid out as 2026 and 2027 (calendar-ahead.ts), so the test passes in any year.
 * The tests run in this order on one clock, which only moves forward: late December of the first year, then
 * months into the second.
 */
const cal = calendarAhead();
const Y = cal.year;
const ctx = { calendar: cal.calendar, timeZone: cal.timeZone };
let ts: TimeSkipping;
let db: ReturnType<typeof records>;
beforeAll(async () => { ts = await startTimeSkipping({ calendar: cal.calendar }); db = records(ts); });
afterEach(async () => { await ts?.endOpenCases(); });
afterAll(async () => { await ts?.stop(); });

const DAY = 86_400_000;
const MSK = (date: string, time = '00:00:00') => Date.parse(`${date}T${time}+03:00`);
const moscowDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone }).format(ms);
const moscowTime = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: ctx.timeZone, timeStyle: 'medium' }).format(ms);

/** The case's fired reminders and escalations (term, key, planned instant, lateness) as the audit trail holds them. */
async function fired(caseId: string, term?: string) {
  return (await db.audit(caseId))
    .filter((e) => (e.action === 'case.reminder' || e.action === 'case.escalate') && (!term || e.data.term === term))
    .map((e) => ({ term: e.data.term as string, key: e.data.reminder as string, at: e.acted_at.getTime(), kind: e.data.kind as string, lateness: lateness(e) }));
}

/** Every reminder planned up to `now` fired once, at its instant (a few ms of processing later at most), in order. */
function expectFiredAsPlanned(got: Awaited<ReturnType<typeof fired>>, planned: Array<{ key: string; at: string }>, now: number) {
  const due = planned.filter((r) => Date.parse(r.at) <= now);
  expect(got.map((r) => [r.key, r.at])).toEqual(due.map((r) => [r.key, Date.parse(r.at)]));
  for (const r of got) {
    expect(r.lateness, `${r.key} fired ${r.lateness} ms after its instant`).toBeGreaterThanOrEqual(0);
    expect(r.lateness, `${r.key} fired ${r.lateness} ms after its instant`).toBeLessThan(ON_TIME_MS);
  }
}

describe(`reminders across the January holidays (1–8 January ${Y}, 31 December ${Y - 1} off)`, () => {
  it('fire each at the instant planReminders gives, none on a non-working day; the escalation at exactly 24:00 of the due day', async () => {
    // The cases are planned on the supplied years, not on the built-in calendar, whose dates pass.
    expect(ctx.calendar.version).not.toBe(builtInCalendar().version);
    // Received on 17 December: 1 and 2 WD before the due date fall before the holidays (the count jumps them).
    await skipTo(ts, MSK(cal.date('12-17', 'prev'), '10:00:00'));
    const early = await ts.startCase('access');
    expect(early.input.deadline.calendarVersion).toBe(ctx.calendar.version);
    const cases = [early];
    // A started case's first task must be taken before the server skips any time: each case gets its worker at once.
    await (await ts.worker(early.taskQueue)).runUntil(async () => {
      await ts.acknowledged(early.input.caseId);
      // Received on 24 December: half the term passes during the holidays, so that reminder waits for 11 January.
      await skipTo(ts, MSK(cal.date('12-24', 'prev'), '10:00:00'));
      const late = await ts.startCase('access');
      cases.push(late);
      // On a plain Mon–Fri week these would be 31 December and 8 January: the holidays move both.
      expect(cases.map((c) => c.input.deadline.due)).toEqual([cal.date('01-11'), cal.date('01-18')]);
      await (await ts.worker(late.taskQueue)).runUntil(async () => {
        await ts.acknowledged(late.input.caseId);
          for (const c of cases) {
            const { due, dueAt } = c.input.deadline;
            expect(Date.parse(dueAt)).toBe(MSK(due) + DAY); // 24:00 of the due day, Moscow time
            await skipTo(ts, Date.parse(dueAt) - 1000);
            expect((await c.handle.query(caseStateQuery)).status).toBe('received');
            expect((await fired(c.input.caseId)).map((r) => r.kind)).not.toContain('escalation');
            await ts.env.sleep(1000); // exactly 24:00
            await eventually(async () => (await c.handle.query(caseStateQuery)).status === 'overdue');
            expect((await eventually(async () => (await fired(c.input.caseId)).find((r) => r.kind === 'escalation'))).at).toBe(Date.parse(dueAt));
          }
        await skipTo(ts, MSK(cal.date('01-21'), '12:00:00')); // a few daily reminders after each escalation
        await eventually(async () => (await fired(late.input.caseId)).some((r) => r.key === `overdue_${cal.date('01-21')}`));
      });
    });
    const late = cases[1]!;
    const now = await ts.env.currentTimeMs();
    for (const c of cases) {
      const planned = planReminders(c.input.deadline, ctx);
      const got = await fired(c.input.caseId);
      expectFiredAsPlanned(got, planned, now);
      // Once each, counted where a second firing would show (the workflow's history), not in rows a UNIQUE key keeps single.
      expect((await reminderFirings(ts.env.client, c.input.caseId, ts.payloadKey)).sort()).toEqual(got.map((r) => `${r.term}:${r.key}`).sort());
      for (const r of got) {
        // An escalation fires at 24:00, the first instant after its (working) due day; the others in working hours.
        const day = moscowDate(r.kind === 'escalation' ? r.at - 1 : r.at);
        expect(isWorkingDay(ctx.calendar, day), `${r.key} on ${day}`).toBe(true);
        expect(moscowTime(r.at)).toBe(r.kind === 'escalation' ? '00:00:00' : '09:00:00');
      }
      expect(got.every((r) => r.at < MSK(cal.date('01-01')) || r.at >= MSK(cal.date('01-11')))).toBe(true);
    }
    expect((await fired(early.input.caseId)).slice(0, 4).map((r) => `${r.key} ${moscowDate(r.at)}`)).toEqual([
      `before_2wd ${cal.date('12-29', 'prev')}`, `before_1wd ${cal.date('12-30', 'prev')}`, `dpo_before_1wd ${cal.date('12-30', 'prev')}`, `half_term ${cal.date('12-30', 'prev')}`,
    ]);
    expect((await fired(late.input.caseId)).find((r) => r.key === 'half_term')).toMatchObject({ at: MSK(cal.date('01-11'), '09:00:00') });
  });
});

describe('deletion where destruction is impossible in time', () => {
  it('blocks and destroys within 6 months (destroy_fallback): the term is recorded, its reminders fire, the case ends on destruction', async () => {
    const c = await ts.startCase('deletion');
    const o = officer(ts, c);
    const answer = c.input.terms![0]!.deadline;
    expect(answer.rule).toBe('destroy_on_evidence');
    await (await ts.worker(c.taskQueue)).runUntil(async () => {
      await ts.acknowledged(c.input.caseId);
      await ts.env.sleep(DAY); // inside the 7 WD
      const blocked = await o.act('block', { note: 'the CRM vendor cannot erase before its next release' });
      expect(blocked.step).toBe('destroying_deferred');
      expect(blocked.terms.map((t) => [t.key, t.rule, t.status])).toEqual([['answer', 'destroy_on_evidence', 'met'], ['fallback', 'destroy_fallback', 'running']]);
      const fallback = blocked.terms[1]!;
      // Six months counted from the end of the original term (152-fz.md), moved to the next working day if need be.
      const sixMonths = new Date(`${answer.due}T00:00:00Z`);
      sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
      let expected = sixMonths.toISOString().slice(0, 10);
      while (!isWorkingDay(ctx.calendar, expected)) expected = new Date(Date.parse(`${expected}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
      expect(fallback.due).toBe(expected);
      const row = (await db.terms(c.input.caseId)).find((t) => t.key === 'fallback');
      expect(row).toMatchObject({ rule_id: 'destroy_fallback', status: 'running', due: expected, calendar_version: ctx.calendar.version });
      expect(row!.deadline).toMatchObject({ rule: 'destroy_fallback', from: answer.due, due: expected, calendarVersion: ctx.calendar.version });

      // Months later, the day before the fallback term ends: its reminders have fired; the answer term's stopped.
      await skipTo(ts, MSK(fallback.due, '12:00:00'));
      const planned = o.terms.find((t) => t.key === 'fallback')!.reminders;
      await eventually(async () => (await fired(c.input.caseId, 'fallback')).length === planned.filter((r) => Date.parse(r.at) <= MSK(fallback.due, '12:00:00')).length);
      expectFiredAsPlanned(await fired(c.input.caseId, 'fallback'), planned, await ts.env.currentTimeMs());
      expect((await fired(c.input.caseId, 'fallback')).map((r) => r.key)).toEqual(['half_term', 'before_2wd', 'before_1wd', 'dpo_before_1wd']);
      expect((await fired(c.input.caseId, 'answer')).every((r) => r.at < Date.parse(blocked.terms[0]!.dueAt))).toBe(true);

      const now = new Date(await ts.env.currentTimeMs()).toISOString();
      const destroyed = await o.act('confirm_destruction', {
        what: 'e-mail, phone', where: 'CRM', method: 'erased', destroyedAt: now, destroyedBy: [{ name: 'Irina Admin', position: 'administrator' }],
      });
      expect(destroyed.step).toBe('answering');
      expect(destroyed.terms.map((t) => [t.key, t.status])).toEqual([['answer', 'met'], ['fallback', 'met']]);
      await ts.env.sleep(DAY); // past 24:00 of the fallback's last day: met, so no escalation
      expect((await o.act('respond')).status).toBe('responded');
      expect((await ended(c.handle)).status).toBe('responded');
    });
    expect(await ts.statusOf(c.input.caseId)).toBe('responded');
    expect((await fired(c.input.caseId)).map((r) => r.kind)).not.toContain('escalation');
    expect((await db.terms(c.input.caseId)).map((t) => [t.key, t.status])).toEqual([['answer', 'met'], ['fallback', 'met']]);
    expect((await db.letters(c.input.caseId)).map((l) => l.kind)).toContain('destruction_notice');
  });
});
