/**
 * A year of requests for the simulation test (test/workflow/year-simulation.test.ts): pure and seeded, so a
 * failing run is repeated with its seed. Each case gets a path through the legal-path table and an officer
 * who acts promptly, after the reminders, after the escalation, extends, or never acts (the test closes it).
 * The same model that plans the officer's actions says which reminders must fire: the oracle is the pure
 * schedule of each term (term.reminders) over the time the term was running or overdue.
 */
import { decide } from '../../domain/case/decide';
import { FIRST_STEP, type DeletionGround, type Finding, type OfficerAction, type Step as PathStep } from '../../domain/case/legal-paths';
import type { RequestType } from '../../domain/case/request-types';
import { REQUEST_TYPES } from '../../domain/case/request-types';
import { extendTerm, openingTerms, planTerm, termFrom, type CaseTerm, type TermContext } from '../../domain/case/terms';
import type { ActionDetails } from '../../workflows/case-contract';
import { seeded } from '../../bench/bench-util';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Moscow has kept UTC+3 all year since 2014; officers work 10:05–17:55 local, clear of every reminder (09:00, 24:00). */
const MSK = 3 * HOUR;
const OFFICE_FROM = 10 * HOUR + 5 * 60_000;
const OFFICE_SPAN = 7 * HOUR + 50 * 60_000;

export const PROFILES = ['prompt', 'reminded', 'late', 'extend', 'never'] as const;
export type Profile = (typeof PROFILES)[number];

export interface SimAction { at: number; action: OfficerAction; details?: ActionDetails; terms: CaseTerm[] }
export interface SimCase {
  n: number; type: RequestType; ground: DeletionGround; profile: Profile;
  receivedAt: number; opening: CaseTerm[]; actions: SimAction[];
}
/** A term's schedule over the time it ran: its reminders in [from, to) are due to fire. */
interface TermWindow { term: CaseTerm; from: number; to: number }
export interface Expected { term: string; key: string; at: number; kind: string }


/** `destroyedAt` is set to the instant the officer confirms (planCase): the year simulated lies ahead of the clock. */
const destroyed: ActionDetails = {
  what: 'full name, e-mail', where: 'CRM', method: 'deleted from the database',
  destroyedBy: [{ name: 'Irina Admin', position: 'system administrator' }],
};
type Step = [OfficerAction, ActionDetails?];
const found = (finding: Finding): Step => ['record_information', { finding }];
const respond: Step = ['respond'];
const PATHS: Record<RequestType, Step[][]> = {
  access: [[respond], [['refuse', { ground: 'access_restricted' }]], [['request_information', { missing: ['identity_document'] }], ['record_information'], respond]],
  correction: [
    [['block'], found('inaccurate'), ['correct', { changes: 'address' }], ['unblock'], respond],
    [['block'], found('not_confirmed'), ['unblock'], respond],
    [['block'], ['request_information', { missing: ['evidence'] }], found('inaccurate'), ['correct', { changes: 'phone' }], ['unblock'], respond],
  ],
  blocking: [
    [['block'], found('unlawful'), ['cease'], ['confirm_destruction', destroyed], respond],
    [['block'], found('unlawful'), ['cease'], ['record_legal_ground', { ground: 'a contract (art. 6 p.1.5)' }], ['unblock'], respond],
    [['block'], found('inaccurate'), ['correct', { changes: 'address' }], ['unblock'], respond],
    [['block'], found('not_confirmed'), ['unblock'], respond],
  ],
  withdrawal: [
    [['cease'], ['record_legal_ground', { ground: 'a contract (art. 6 p.1.5)' }], respond],
    [['cease'], ['confirm_destruction', destroyed], respond],
    [['cease'], ['block'], ['confirm_destruction', destroyed], respond],
  ],
  deletion: [[['confirm_destruction', destroyed], respond], [['block'], ['confirm_destruction', destroyed], respond], [['refuse', { ground: 'other_federal_law' }]]],
  cease_processing: [[['cease'], respond], [['refuse', { ground: 'other_federal_law' }]]],
};
const EXTENDABLE: RequestType[] = ['access', 'cease_processing'];

const localDayStart = (ms: number) => Math.floor((ms + MSK) / DAY) * DAY - MSK;
const localDate = (ms: number) => new Date(ms + MSK).toISOString().slice(0, 10);

/** The case's terms as the workflow holds them, moved by the table's decisions (decide.ts), with the time each ran. */
class CaseModel {
  step: PathStep;
  windows: TermWindow[];
  constructor(readonly type: RequestType, opening: CaseTerm[], receivedAt: number) {
    this.step = FIRST_STEP[type];
    this.windows = opening.map((term) => ({ term, from: receivedAt, to: Infinity }));
  }

  open(): TermWindow[] { return this.windows.filter((w) => w.to === Infinity); }

  /** What the API would see and send: decide() on the case now, and the terms the action starts or extends. */
  plan(action: OfficerAction, details: ActionDetails | undefined, at: number, receivedAt: number, ctx: TermContext) {
    const snapshot = {
      type: this.type, step: this.step,
      terms: this.open().map(({ term: t }) => ({ key: t.key, rule: t.rule, status: at >= Date.parse(t.deadline.dueAt) ? 'overdue' as const : 'running' as const, dueAt: t.deadline.dueAt, extended: t.extended })),
    };
    const d = decide(snapshot, { action, finding: details?.finding }, at);
    const actedAt = new Date(at).toISOString();
    const dues = this.windows.map(({ term: t }) => ({ key: t.key, due: t.deadline.due }));
    const terms = d.starts.map((s) => planTerm(s.key, s.rule, termFrom(s, { receivedAt: new Date(receivedAt).toISOString(), findingDate: details?.findingDate, terms: dues }), ctx, actedAt));
    if (d.extends) terms.push(extendTerm(this.open().find((w) => w.term.key === d.extends)!.term, ctx, actedAt));
    return { d, terms };
  }

  /** The workflow's apply(): met terms stop, started ones replace a term of the same key, an outcome stops all. */
  apply(p: ReturnType<CaseModel['plan']>, at: number): void {
    this.step = p.d.to;
    for (const w of this.open()) if (p.d.meets.includes(w.term.key)) w.to = at;
    for (const term of p.terms) {
      for (const w of this.open()) if (w.term.key === term.key) w.to = at;
      this.windows.push({ term, from: at, to: Infinity });
    }
    if (p.d.outcome) for (const w of this.open()) w.to = at;
  }
}

/** An instant in office hours on the local day of `target`, after `after` (at least a minute). */
function officeTime(target: number, after: number, rnd: () => number): number {
  let at = localDayStart(target) + OFFICE_FROM + Math.floor(rnd() * OFFICE_SPAN / 1000) * 1000;
  if (at <= after + 60_000) at = after + 60_000 + Math.floor(rnd() * 90) * 60_000;
  const inDay = at - localDayStart(at);
  if (inDay < OFFICE_FROM || inDay > OFFICE_FROM + OFFICE_SPAN) at = localDayStart(at) + (inDay < OFFICE_FROM ? 0 : DAY) + OFFICE_FROM + Math.floor(rnd() * 7200) * 1000;
  return at;
}

/** When the officer takes the next action: relative to the nearest running term's end (or soon, when none runs or it is over). */
function nextAt(model: CaseModel, now: number, late: boolean, prompt: boolean, rnd: () => number): number {
  const running = model.open().map((w) => Date.parse(w.term.extended && w.term.deadline.extendedDueAt ? w.term.deadline.extendedDueAt : w.term.deadline.dueAt)).filter((d) => d > now);
  const due = running.length ? Math.min(...running) : undefined;
  let target: number;
  if (due === undefined) target = now + (0.1 + rnd() * 3) * DAY;
  else if (late) target = due + (0.3 + rnd() * 8) * DAY;
  else target = now + (due - now) * (prompt ? 0.05 + rnd() * 0.35 : 0.5 + rnd() * 0.45);
  return officeTime(target, now, rnd);
}

/**
 * `count` cases received across `year` (Moscow time), every type in turn; a case of each type is received in the
 * January holidays and one around the May holidays, so their terms cross them.
 */
export function generateYear(seed: number, count: number, year: number, ctx: TermContext): SimCase[] {
  const rnd = seeded(seed);
  const start = Date.UTC(year, 0, 1) - MSK;
  const span = Date.UTC(year + 1, 0, 1) - MSK - start;
  const pinned = [Date.UTC(year, 0, 1) - MSK, Date.UTC(year, 3, 28) - MSK]; // Jan 1–8, Apr 28–May 12
  const cases: SimCase[] = [];
  for (let n = 0; n < count; n += 1) {
    const type = REQUEST_TYPES[n % REQUEST_TYPES.length]!;
    const window = n < 12 ? pinned[Math.floor(n / 6)]! : undefined;
    // Any minute of the day, with seconds, so a receipt never coincides with a reminder (on the minute).
    const receivedAt = (window ?? start) + Math.floor(rnd() * (window ? (n < 6 ? 8 : 14) * DAY : span) / 60_000) * 60_000 + 17_000;
    cases.push(planCase(n, type, receivedAt, rnd, ctx));
  }
  return cases;
}

function planCase(n: number, type: RequestType, receivedAt: number, rnd: () => number, ctx: TermContext): SimCase {
  const profiles = PROFILES.filter((p) => p !== 'extend' || EXTENDABLE.includes(type));
  const profile = profiles[Math.floor(rnd() * profiles.length)]!;
  const ground: DeletionGround = rnd() < 0.5 ? 'evidence' : 'purpose_achieved';
  const opening = openingTerms(type, new Date(receivedAt).toISOString(), ctx, ground);
  const model = new CaseModel(type, opening, receivedAt);
  const variants = PATHS[type];
  const steps: Step[] = profile === 'never' ? [] : [...variants[Math.floor(rnd() * variants.length)]!];
  if (profile === 'extend' && steps[0]?.[0] !== 'refuse') steps.unshift(['extend', { reason: 'the data are in several systems' }]);
  if (rnd() < 0.3) steps.unshift(['assign', { assignee: { name: 'Officer B', email: 'officer.b@example.ru' } }]);
  const actions: SimAction[] = [];
  let now = receivedAt;
  for (const [action, given] of steps) {
    const late = profile === 'late' ? rnd() < 0.5 : profile === 'extend' && action !== 'extend' && rnd() < 0.3;
    const at = nextAt(model, now, late, profile === 'prompt' || (profile === 'reminded' && rnd() < 0.3), rnd);
    if (action === 'extend') {
      const dueAt = Date.parse(model.open().find((w) => w.term.key === 'answer')!.term.deadline.dueAt);
      if (at >= dueAt - HOUR) continue; // too late to extend (the officer missed the chance): go on without it
    }
    const details = given?.finding ? { ...given, findingDate: localDate(at) } : given === destroyed ? { ...given, destroyedAt: new Date(at).toISOString() } : given;
    const planned = model.plan(action, details, at, receivedAt, ctx);
    model.apply(planned, at);
    actions.push({ at, action, details, terms: planned.terms });
    now = at;
  }
  if (profile === 'never') {
    // The officer never acts; the test closes the case some days after its end (bounding the daily reminders).
    const at = nextAt(model, now, true, false, rnd) + Math.floor(rnd() * 15) * DAY;
    model.apply(model.plan('close', undefined, at, receivedAt, ctx), at);
    actions.push({ at, action: 'close', terms: [] });
  }
  return { n, type, ground, profile, receivedAt, opening, actions };
}

/** Every reminder and escalation the pure schedules say must fire for this case before `end`. */
export function expectedReminders(c: SimCase, ctx: TermContext, end: number): Expected[] {
  const model = new CaseModel(c.type, c.opening, c.receivedAt);
  for (const a of c.actions) model.apply(model.plan(a.action, a.details, a.at, c.receivedAt, ctx), a.at);
  return model.windows.flatMap((w) => w.term.reminders
    .filter((r) => Date.parse(r.at) >= w.from && Date.parse(r.at) < Math.min(w.to, end))
    .map((r) => ({ term: w.term.key, key: r.key, at: Date.parse(r.at), kind: r.kind })));
}
