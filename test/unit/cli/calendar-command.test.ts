import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerCalendarCommands } from '../../../cli/calendar-command';
import { builtInCalendar } from '../../../domain/legal-time';
import { loadLegalTime } from '../../../platform/legal-time-config';
import { operatorProfileFromEnv } from '../../../operator/profile';

const EXAMPLE = path.resolve(__dirname, '../../../docs/calendar/ru-2026.import.json');
/** A year far ahead, so nothing here depends on today's date. */
const FUTURE = { year: 2990, country: 'RU', decree: { number: '999', date: '2989-09-01' }, days: [{ date: '2990-01-01', status: 'nonworking', kind: 'holiday' }], transfers: [] };

async function dsar(args: string[], opts: { dir?: string; today?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((s: string) => { out.push(s); });
  vi.spyOn(console, 'error').mockImplementation((s: string) => { err.push(s); });
  process.exitCode = undefined;
  const program = new Command('dsar').exitOverride();
  // As cli/dsar.ts does: the calendar is what the folder gives at the time of the command.
  const calendar = () => loadLegalTime({ calendarDir: opts.dir, timeZone: 'Europe/Moscow', operator: operatorProfileFromEnv({}) }).calendar;
  registerCalendarCommands(program, { loadCalendar: calendar, calendarDir: () => opts.dir, today: () => opts.today ?? '2990-06-01' });
  await program.parseAsync(['node', 'dsar', ...args]);
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const folder = () => mkdtempSync(path.join(tmpdir(), 'dsar-calendar-'));
const file = (content: unknown) => { const f = path.join(folder(), 'year.json'); writeFileSync(f, JSON.stringify(content)); return f; };

afterEach(() => { process.exitCode = undefined; });

describe('dsar calendar import', () => {
  it('writes the documented 2026 decree under DSAR_CALENDAR_DIR, where start-up reads it, with the version unchanged', async () => {
    const dir = folder();
    const r = await dsar(['calendar', 'import', EXAMPLE], { dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ year: 2026, file: path.join(dir, 'ru-2026.json'), versionBefore: builtInCalendar().version, versionAfter: builtInCalendar().version, written: true });
    expect(r.stderr).toContain('unchanged');
    expect(JSON.parse(readFileSync(path.join(dir, 'ru-2026.json'), 'utf8'))).toMatchObject({ source: 'Government Decree No. 1466 of 24.09.2025', provisional: false, decree: { number: '1466' } });
  });

  it('adds a new official year: a new calendar version, that status then reports', async () => {
    const dir = folder();
    const r = await dsar(['calendar', 'import', file(FUTURE)], { dir });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.versionAfter).toContain('-2990.999+');
    expect(result.versionAfter).not.toBe(result.versionBefore);
    expect(r.stderr).toContain('re-plans the open cases');
    expect(loadLegalTime({ calendarDir: dir, timeZone: 'Europe/Moscow', operator: operatorProfileFromEnv({}) }).calendar.version).toBe(result.versionAfter);
    const s = await dsar(['calendar', 'status', '--json'], { dir, today: '2990-06-01' });
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ lastOfficialYear: 2990, officialUntil: '2990-12-31', daysLeft: 213, warning: false });
  });

  it('refuses an invalid year with its code and what to fix, writing nothing', async () => {
    const dir = folder();
    const bad = { ...FUTURE, days: [...FUTURE.days, { date: '2990-01-09', status: 'nonworking', kind: 'transferred_day_off' }] };
    const r = await dsar(['calendar', 'import', file(bad)], { dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'calendar_invalid_transfer', message: expect.stringContaining('"to": "2990-01-09"') });
    expect(existsSync(path.join(dir, 'ru-2990.json'))).toBe(false);
  });

  it('says what to set without DSAR_CALENDAR_DIR, and refuses a second file of the same year', async () => {
    const none = await dsar(['calendar', 'import', file(FUTURE)], {});
    expect(none).toMatchObject({ code: 1, stderr: expect.stringContaining('DSAR_CALENDAR_DIR is not set') });
    const dir = folder();
    writeFileSync(path.join(dir, 'my-2990.json'), JSON.stringify({ ...FUTURE, source: 'x', provisional: false }));
    const twice = await dsar(['calendar', 'import', file(FUTURE)], { dir });
    expect(twice.code).toBe(2);
    expect(JSON.parse(twice.stdout).error.code).toBe('calendar_duplicate_year');
  });
});

describe('dsar calendar status', () => {
  it('lists the years, the provisional ones and the days left, and exits 3 within 90 days of the end', async () => {
    const dir = folder();
    await dsar(['calendar', 'import', file(FUTURE)], { dir });
    const calm = await dsar(['calendar', 'status'], { dir, today: '2990-10-01' });
    expect(calm.code).toBe(0);
    expect(calm.stdout).toContain('provisional:      2027');
    expect(calm.stdout).toContain('official until:   2990-12-31 (91 day(s) left)');
    const near = await dsar(['calendar', 'status'], { dir, today: '2990-10-02' });
    expect(near.code).toBe(3);
    expect(near.stderr).toContain('import the 2991 decree');
  });
});
