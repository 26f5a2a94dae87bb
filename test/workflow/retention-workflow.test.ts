import { afterAll, beforeAll, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { issueAct } from '../../acts/act-store';
import { verifyAuditChain } from '../../cli/audit-verify';
import { DEFAULT_REMINDER_POLICY } from '../../domain/case/reminders';
import { builtInCalendar } from '../../domain/legal-time';
import { MINIMISED } from '../../retention/minimise-cases';
import { ensureRetentionWorkflow, retentionWorkflowId } from '../../retention/start-retention';
import { letterDeps } from '../../worker/letter-deps';
import { actInput, testRegistry, wellpro } from '../helpers/acts';
import { eventually } from '../helpers/eventually';
import { skipUntil } from '../helpers/skip-until';
import { startTimeSkipping, type TimeSkipping } from '../helpers/time-skipping';

/**
 * The retention workflow on the time-skipping server: it runs at once and then daily, purges acts only past
 * their retention and minimises closed cases only past the period, each once; a second start is a no-op.
 */
const DAY = 24 * 3600_000;
const TZ = 'Europe/Moscow';
let ts: TimeSkipping;
beforeAll(async () => { ts = await startTimeSkipping(); });
afterAll(async () => { await ts?.stop(); });

const dayIn = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
/** The destruction date whose act is kept until `days` days from `now` (retain_until = destroyed_on + 3 years). */
const destroyedFor = (now: number, days: number) => {
  const [y, m, d] = dayIn(now + days * DAY).split('-');
  return `${Number(y) - 3}-${m}-${d}`;
};

let n = 0;
async function aCase(closedAt: number | null): Promise<string> {
  const id = `DSAR-2026-${String(700_000 + ++n)}`;
  await ts.pool.query(`INSERT INTO cases (id, type, status, channel, subject_name, subject_email, received_at, rule_id, calendar_version, due, due_at, provisional, deadline, opened_by, closed_at)
    VALUES ($1, 'deletion', 'responded', 'email', 'Subject', 's@example.ru', now(), 'destroy_on_evidence', 'v', now(), now(), false, '{}', 'test', $2)`,
  [id, closedAt === null ? null : new Date(closedAt)]);
  await ts.pool.query(`INSERT INTO audit_events (case_id, actor, action, data, dedupe_key) VALUES ($1, 'officer', 'case.confirm_destruction', $2, $3)`,
    [id, JSON.stringify({ step: 'destroying', what: 'e-mail', destroyedAt: new Date(closedAt ?? Date.now()).toISOString() }), `${id}:destroyed`]);
  return id;
}

const purged = async () => (await ts.pool.query(`SELECT number FROM destruction_acts WHERE purged_at IS NOT NULL ORDER BY number`)).rows.map((r) => r.number as string);
const minimised = async () => (await ts.pool.query(`SELECT id FROM cases WHERE subject_name = $1 ORDER BY id`, [MINIMISED])).rows.map((r) => r.id as string);
const count = async (action: string) => Number((await ts.pool.query(`SELECT count(*) AS n FROM audit_events WHERE action = $1`, [action])).rows[0].n);

it('purges acts past retention and minimises cases past the period, daily, each once; starting it again changes nothing', async () => {
  const now = await ts.env.currentTimeMs();
  const issue = async (days: number) => (await issueAct(ts.pool, actInput(await aCase(null), { destroyedOn: destroyedFor(now, days) }),
    { operator: wellpro, registry: testRegistry(), now: () => new Date(now) })).number;
  const [expired, inFiveDays, inAYear] = [await issue(-1), await issue(5), await issue(400)];
  const [closedLongAgo, closedRecently, open] = [await aCase(now - 31 * DAY), await aCase(now - 25 * DAY), await aCase(null)];

  const taskQueue = 'retention-test';
  const reminders = { calendar: builtInCalendar(), timeZone: TZ, reminderPolicy: DEFAULT_REMINDER_POLICY };
  const activities = createActivities({ pool: ts.pool, letters: letterDeps(), reminders, retention: { minimiseAfterDays: 30, timeZone: TZ } });
  const worker = await ts.worker(taskQueue, activities);
  await worker.runUntil(async () => {
    expect(await ensureRetentionWorkflow(ts.env.client, taskQueue, DAY)).toBe(true);
    expect(await ensureRetentionWorkflow(ts.env.client, taskQueue, DAY)).toBe(false); // every worker start calls it

    // The first run, at once: only what is already past.
    await eventually(async () => (await purged()).length === 1 && (await minimised()).length === 1);
    expect(await purged()).toEqual([expired]);
    expect(await minimised()).toEqual([closedLongAgo]);

    await ts.env.sleep(3 * DAY);
    await eventually(async () => (await count('act.purged')) === 1);
    expect(await purged()).toEqual([expired]);
    expect(await minimised()).toEqual([closedLongAgo]);

    // The runs of days 4–7: the act kept until day 5 and the case closed 25 days before start come due. Each run sets
    // the next day's timer only once its activity is done, so the clock is skipped in steps until both are there.
    await skipUntil(ts.env, async () => (await purged()).length === 2 && (await minimised()).length === 2, { stepMs: 3 * 3_600_000, maxSkipMs: 4 * DAY });
    expect(await purged()).toEqual([expired, inFiveDays]);
    expect(await minimised()).toEqual([closedLongAgo, closedRecently]);
    expect(await minimised()).not.toContain(open);
    expect(await purged()).not.toContain(inAYear);
    expect([await count('act.purged'), await count('case.minimised')]).toEqual([2, 2]);
  });
  await ts.env.client.workflow.getHandle(retentionWorkflowId(taskQueue)).terminate('test finished');

  const client = await ts.pool.connect();
  try {
    expect(await verifyAuditChain(client)).toMatchObject({ ok: true });
  } finally {
    client.release();
  }
}, 120_000);
