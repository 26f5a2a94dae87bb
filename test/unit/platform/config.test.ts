import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../../domain/legal-time';
import { ConfigError, loadConfig, logPretty, observabilitySettings } from '../../../platform/config';
import { loadLegalTime } from '../../../platform/legal-time-config';

const key = Buffer.alloc(32, 7).toString('base64');

describe('configuration', () => {
  it('has working defaults for a local engine', () => {
    const c = loadConfig({ DSAR_PAYLOAD_KEY: key });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, timeZone: 'Europe/Moscow', temporal: { address: '127.0.0.1:7233', namespace: 'dsar', taskQueue: 'dsar-cases' } });
    expect(c).toMatchObject({ rateLimit: { failedAuthPerMinute: 20, writesPerMinute: 120 }, http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 } });
    expect(c.operator.legalName.asInPolicy).toBe('WELL ENGINEERING LLC');
  });

  it('finds the engine `npm start` runs on other ports (DSAR_PG_PORT, TEMPORAL_PORT) when started alone (npm run api, worker)', () => {
    const c = loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_PG_PORT: '55001', TEMPORAL_PORT: '7301' });
    expect(c.databaseUrl).toBe('postgres://dsar:dsar@127.0.0.1:55001/dsar');
    expect(c.temporal.address).toBe('127.0.0.1:7301');
    expect(loadConfig({ DSAR_PAYLOAD_KEY: key, TEMPORAL_PORT: '7301', TEMPORAL_ADDRESS: 'temporal.example:7233' }).temporal.address).toBe('temporal.example:7233');
  });

  it('loads the operator profile DSAR_OPERATOR_PROFILE names, relative to the working directory', () => {
    const c = loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_OPERATOR_PROFILE: path.relative(process.cwd(), path.resolve(__dirname, '../../../operator/profiles/jugru.json')) });
    expect(c.operator.inn).toBe('7801341446');
    // Nothing of WellPRO's under another operator's profile (issue 17 p.1): its own mailbox, its own registry.
    expect(c.letters.from).toBe('support@jugru.team');
    expect(c.systems.operator).toEqual({ name: 'JUG Ru Group LLC', inn: '7801341446' });
    expect(JSON.stringify(c.systems)).not.toMatch(/wellpro|wellengineering|ВЭЛ/i);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_OPERATOR_PROFILE: path.resolve(__dirname, '../../../operator/profiles/wt24.json') }))
      .toThrow(/wt24\.json is not usable.*\/legalName is missing/);
  });

  it('refuses another operator\'s systems registry and an SMTP_FROM outside the profile\'s domains, saying what to set', () => {
    const profiles = path.resolve(__dirname, '../../../operator/profiles');
    const jugru = { DSAR_PAYLOAD_KEY: key, DSAR_OPERATOR_PROFILE: path.join(profiles, 'jugru.json') };
    expect(() => loadConfig({ ...jugru, DSAR_SYSTEMS_FILE: path.resolve(__dirname, '../../../operator/systems/wellpro.json') }))
      .toThrow(/wellpro\.json belongs to WELL ENGINEERING LLC \(INN 7727344381\), not to JUG Ru Group LLC \(INN 7801341446\) of the operator profile: set DSAR_SYSTEMS_FILE/);
    expect(() => loadConfig({ ...jugru, SMTP_FROM: 'wellpro@wellengineering.ru' })).toThrow(/SMTP_FROM=wellpro@wellengineering\.ru is not at the operator's mail domain \(jugru\.team\)/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'registry-'));
    const registry = (operator: unknown) => {
      const file = path.join(dir, `${Math.random()}.json`);
      writeFileSync(file, JSON.stringify({ ...(operator ? { operator } : {}), systems: [{ id: 'crm', name: { ru: 'CRM', en: 'CRM' }, categories: ['ФИО'],
        owner: { name: 'IT', position: 'IT', email: 'it@jugru.team' }, destructionMethod: { ru: 'удаление', en: 'deletion' }, automated: true }] }));
      return file;
    };
    expect(() => loadConfig({ ...jugru, DSAR_SYSTEMS_FILE: registry(undefined) })).toThrow(/does not name its operator: add "operator": \{"name": "JUG Ru Group LLC", "inn": "7801341446"\}/);
    expect(() => loadConfig({ ...jugru, DSAR_SYSTEMS_FILE: registry({ name: 'JUG Ru Group LLC', inn: '7727344381' }) })).toThrow(/belongs to JUG Ru Group LLC \(INN 7727344381\)/);
    expect(loadConfig({ ...jugru, DSAR_SYSTEMS_FILE: registry({ name: 'ООО «ДЖУГ РУ ГРУПП»', inn: '7801341446' }) }).systems.systems).toHaveLength(1); // the INN decides
    expect(() => loadConfig({ ...jugru, DSAR_SYSTEMS_FILE: registry({ name: 'Someone Else LLC' }) })).toThrow(/belongs to Someone Else LLC, not to JUG Ru Group LLC/);
    expect(loadConfig({ ...jugru, DSAR_SYSTEMS_FILE: registry({ name: 'JUG Ru Group LLC' }) }).systems.systems).toHaveLength(1); // no INN: the name decides
    // A profile of one's own with no registry shipped beside it must name its registry.
    const own = path.join(dir, 'mine.json');
    writeFileSync(own, readFileSync(path.join(profiles, 'jugru.json')));
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_OPERATOR_PROFILE: own })).toThrow(/DSAR_SYSTEMS_FILE is not set and no systems registry ships for mine\.json/);
  });

  it('logs for people at a terminal and JSON lines otherwise, unless LOG_FORMAT says', () => {
    expect(logPretty(undefined, true)).toBe(true);
    expect(logPretty(undefined, false)).toBe(false);
    expect(logPretty('json', true)).toBe(false);
    expect(logPretty('pretty', false)).toBe(true);
  });

  it('refuses bad values at boot, naming the variable and what to put there', () => {
    expect(() => loadConfig({})).toThrow(/DSAR_PAYLOAD_KEY is not set.*openssl rand -base64 32/);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, PORT: 'eighty' })).toThrow(/PORT=eighty is not a port number/);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_TIME_ZONE: 'Mars/Olympus' })).toThrow(/IANA time zone/);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_OPERATOR_PROFILE: '/nonexistent/profile.json' })).toThrow(ConfigError);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_ACTION_TIMEOUT_MS: '0' })).toThrow(/DSAR_ACTION_TIMEOUT_MS=0/);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_RATE_LIMIT_WRITES: 'lots' })).toThrow(/DSAR_RATE_LIMIT_WRITES=lots/);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_HEADERS_TIMEOUT_MS: '60000' })).toThrow(/must not exceed DSAR_REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT=xml/);
  });

  it('bounds the worker\'s workflow cache: 1,000 cases by default, at least 2', () => {
    expect(loadConfig({ DSAR_PAYLOAD_KEY: key }).workerMaxCachedWorkflows).toBe(1000);
    expect(loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_WORKER_MAX_CACHED_WORKFLOWS: '250' }).workerMaxCachedWorkflows).toBe(250);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(/DSAR_WORKER_MAX_CACHED_WORKFLOWS=1 must be at least 2/);
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, DSAR_WORKER_MAX_CACHED_WORKFLOWS: 'all' })).toThrow(/DSAR_WORKER_MAX_CACHED_WORKFLOWS=all/);
  });

  it('turns Temporal TLS on with any TLS setting, and wants certificate and key together', () => {
    expect(loadConfig({ DSAR_PAYLOAD_KEY: key }).temporal.tls).toBeUndefined();
    expect(loadConfig({ DSAR_PAYLOAD_KEY: key, TEMPORAL_TLS_CA: '/etc/ca.pem' }).temporal.tls).toEqual({ serverRootCACertificatePath: '/etc/ca.pem' });
    expect(loadConfig({ DSAR_PAYLOAD_KEY: key, TEMPORAL_TLS: 'true' }).temporal.tls).toBeDefined();
    expect(loadConfig({ DSAR_PAYLOAD_KEY: key, TEMPORAL_API_KEY: 'k' }).temporal).toMatchObject({ apiKey: 'k', tls: {} });
    expect(() => loadConfig({ DSAR_PAYLOAD_KEY: key, TEMPORAL_TLS_KEY: '/k.pem' })).toThrow(/TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
  });
});

describe('operator legal-time settings', () => {
  it('replaces a calendar year from DSAR_CALENDAR_DIR without code changes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dsar-cal-'));
    // The 2027 decree "appears": 2027-01-11 becomes an extra day off.
    const base = loadLegalTime({ timeZone: 'Europe/Moscow', operator: { promisedTerms: {} } });
    const y2027 = base.calendar.years.find((y) => y.year === 2027)!;
    writeFileSync(path.join(dir, 'ru-2027.json'), JSON.stringify({
      ...y2027, provisional: false, source: 'Government Decree No. 9999 of 01.10.2026',
      // A published decree confirms or corrects the projected days: they are no longer projected.
      days: [...y2027.days.map(({ projected: _, ...d }) => d), { date: '2027-01-11', status: 'nonworking', kind: 'transferred_day_off' }],
    }));
    const lt = loadLegalTime({ calendarDir: dir, timeZone: 'Europe/Moscow', operator: { promisedTerms: {} } });
    const before = computeDeadline({ rule: 'cease_unlawful', from: '2026-12-30' }, base);
    const after = computeDeadline({ rule: 'cease_unlawful', from: '2026-12-30' }, lt);
    expect(before).toMatchObject({ due: '2027-01-13', provisional: true });
    expect(after).toMatchObject({ due: '2027-01-14', provisional: false });
    expect(after.calendarVersion).toContain('2027.9999');
    expect(after.calendarVersion).not.toBe(before.calendarVersion);
  });

  it('applies a promised term longer than the statute as the statute, and reports both dates when shorter', () => {
    const longer = loadLegalTime({ timeZone: 'Europe/Moscow', operator: { promisedTerms: { access: { n: 12, unit: 'working_days', clause: '§1' } } } });
    expect(longer.internalTerms).toEqual({ access: { n: 10 } });
    const lt = loadLegalTime({ timeZone: 'Europe/Moscow', operator: { promisedTerms: { access: { n: 7, unit: 'working_days', clause: '§1' } } } });
    const r = computeDeadline({ rule: 'access', from: '2025-10-24' }, lt);
    expect(r.due).toBe('2025-11-10');
    expect(r.internal).toMatchObject({ n: 7, due: '2025-11-05' });
  });

  it('says which override file is broken', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dsar-cal-'));
    writeFileSync(path.join(dir, 'ru-2028.json'), '{ not json');
    expect(() => loadLegalTime({ calendarDir: dir, timeZone: 'Europe/Moscow', operator: { promisedTerms: {} } })).toThrow(/ru-2028\.json is not valid JSON/);
  });
});

describe('observability settings', () => {
  it('keeps /metrics and the codec endpoint off by default and watches the worker with a 90 s threshold', () => {
    expect(observabilitySettings({})).toEqual({
      workerSeenWithinMs: 90_000, metricsToken: undefined, codecEndpoint: false,
      codecCorsOrigins: ['http://127.0.0.1:8233', 'http://localhost:8233'], workerMetricsAddress: undefined,
    });
    expect(observabilitySettings({
      DSAR_WORKER_SEEN_WITHIN_MS: '15000', DSAR_METRICS_TOKEN: 'x'.repeat(32), DSAR_CODEC_ENDPOINT: 'true',
      DSAR_CODEC_CORS_ORIGINS: 'https://temporal.example.ru', DSAR_WORKER_METRICS_ADDRESS: '0.0.0.0:9465',
    })).toEqual({
      workerSeenWithinMs: 15_000, metricsToken: 'x'.repeat(32), codecEndpoint: true,
      codecCorsOrigins: ['https://temporal.example.ru'], workerMetricsAddress: '0.0.0.0:9465',
    });
  });

  it('refuses a short metrics token, a vague switch, an origin with a path and an address without a port', () => {
    expect(() => observabilitySettings({ DSAR_METRICS_TOKEN: 'secret' })).toThrow(/DSAR_METRICS_TOKEN must be at least 32/);
    expect(() => observabilitySettings({ DSAR_CODEC_ENDPOINT: 'yes' })).toThrow(/DSAR_CODEC_ENDPOINT=yes must be true or false/);
    expect(() => observabilitySettings({ DSAR_CODEC_CORS_ORIGINS: 'http://ui:8233/namespaces' })).toThrow(/not an origin/);
    expect(() => observabilitySettings({ DSAR_WORKER_METRICS_ADDRESS: '127.0.0.1' })).toThrow(/host:port/);
    expect(() => observabilitySettings({ DSAR_WORKER_SEEN_WITHIN_MS: '-1' })).toThrow(/DSAR_WORKER_SEEN_WITHIN_MS=-1/);
  });
});
