import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { operatorToday } from '../../calendar/status-now';
import { builtInCalendar, calendarStatus, createCalendar } from '../../domain/legal-time';
import { createSession } from '../../users/session-store';
import { createUser } from '../../users/user-store';
import { startEngine, type Engine } from '../helpers/engine';

/**
 * /health, /metrics and the console banner show the calendar's status (docs/adr/015). Today's date is real here,
 * so the two calendars are chosen to be certain whatever today is: an official year far ahead (no warning), and
 * every built-in decree year replaced by a provisional one (no official year at all: a warning).
 */
const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
let engine: Engine;
let ahead: FastifyInstance;
let none: FastifyInstance;
let cookie: string;

const folderWith = (years: object[]) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dsar-calendar-'));
  years.forEach((y, i) => writeFileSync(path.join(dir, `${i}.json`), JSON.stringify(y)));
  return dir;
};
const FAR = { year: 2990, country: 'RU', source: 'Test Decree No. 999 of 01.09.2989', provisional: false, days: [] };
const ALL_PROVISIONAL = builtInCalendar().years.filter((y) => !y.provisional).map((y) => ({ ...y, provisional: true }));

beforeAll(async () => {
  engine = await startEngine({ worker: false });
  ahead = await buildApp({ ...engine.config, metricsToken: TOKEN, calendarDir: folderWith([FAR]) });
  none = await buildApp({ ...engine.config, metricsToken: TOKEN, calendarDir: folderWith(ALL_PROVISIONAL) });
  const user = await createUser(engine.pool, { email: 'olga@example.ru', name: 'Olga Officer', role: 'officer', password: 'a long enough passphrase' });
  if (user === 'exists') throw new Error('user exists');
  cookie = `dsar_session=${await createSession(engine.pool, user.id, 3600_000)}`;
});
afterAll(async () => {
  await ahead?.close();
  await none?.close();
  await engine?.stop();
});

const gauge = async (app: FastifyInstance, name: string) => {
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  const line = res.body.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
};

describe('the calendar in /health, /metrics and the console', () => {
  it('with an official year far ahead: ok, the days left as the gauge, no banner', async () => {
    const expected = calendarStatus(createCalendar([...builtInCalendar().years, FAR as never]), operatorToday('Europe/Moscow'));
    expect(expected.warning).toBe(false);
    const health = (await ahead.inject({ method: 'GET', url: '/health' })).json();
    expect(health.calendar).toEqual({ status: 'ok', officialUntil: '2990-12-31', daysLeft: expected.daysLeft });
    expect(await gauge(ahead, 'dsar_calendar_official_days_left')).toBe(expected.daysLeft);
    expect(await gauge(ahead, 'dsar_calendar_warning')).toBe(0);
    const page = await ahead.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('calendar-warning');
  });

  it('with no official year: a warning that says what to do, in /health, /metrics and on every console page', async () => {
    const health = await none.inject({ method: 'GET', url: '/health' });
    // Informational: the engine still counts terms (on the statutory base), so it is not "unavailable" for it.
    expect(health.json().calendar).toEqual({ status: 'warning', officialUntil: null, daysLeft: null, message: expect.stringContaining('dsar calendar import') });
    expect(Number.isNaN(await gauge(none, 'dsar_calendar_official_days_left'))).toBe(true);
    expect(await gauge(none, 'dsar_calendar_warning')).toBe(1);
    for (const url of ['/', '/cases', '/audit']) {
      const page = await none.inject({ method: 'GET', url, headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<p class="calendar-warning" role="alert">Официальный производственный календарь не загружен');
    }
    // Not before sign-in: the sign-in page says nothing about the engine.
    expect((await none.inject({ method: 'GET', url: '/sign-in' })).body).not.toContain('calendar-warning');
  });
});
