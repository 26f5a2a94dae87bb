/**
 * Explicit, validated configuration from the environment. Every setting is documented in the README;
 * a bad value stops the process at boot with a message naming the variable and what to put there.
 */
import { readFileSync } from 'node:fs';
import type { ReminderPolicy } from '../domain/case/reminders';
import type { OperatorProfile } from '../operator/profile-schema';
import { operatorDomains, operatorProfileFromEnv } from '../operator/profile';
import { loadSystemsRegistry, systemsRegistryFile, type SystemsRegistry } from '../operator/systems';
import { actSignerFromEnv, type ActSigner } from '../acts/signer';
import { ConfigError, EXIT_CONFIG } from './config-error';
import { reminderPolicy } from './reminder-policy';

export { ConfigError, EXIT_CONFIG };

export const DEV_DATABASE_PORT = 54329;
/** The database `npm start` embeds, on DSAR_PG_PORT: what the API, worker and CLI use while DATABASE_URL is unset. */
export const devDatabaseUrl = (env: NodeJS.ProcessEnv): string =>
  `postgres://dsar:dsar@127.0.0.1:${port(env, 'DSAR_PG_PORT', DEV_DATABASE_PORT)}/dsar`;

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** The case search attributes are registered on the namespace (TEMPORAL_SEARCH_ATTRIBUTES): cases keep them current. */
  searchAttributes?: boolean;
  tls?: { serverRootCACertificatePath?: string; clientCertPath?: string; clientKeyPath?: string };
  apiKey?: string;
}

export interface Config extends ObservabilityConfig {
  databaseUrl: string;
  /** When reminders and escalations fire (DSAR_REMINDER_POLICY over the default). */
  reminderPolicy: ReminderPolicy;
  temporal: TemporalConfig;
  host: string;
  port: number;
  /** How long an officer's action may wait for the case workflow (i.e. for a worker) before 503. */
  actionTimeoutMs: number;
  logLevel: string;
  timeZone: string;
  payloadKey: Buffer;
  calendarDir?: string;
  /** Who the operator is and what its policy promises (DSAR_OPERATOR_PROFILE); its promised terms are the internal terms. */
  operator: OperatorProfile;
  /** The operator's information systems (DSAR_SYSTEMS_FILE): where destruction happens and what acts state. */
  systems: SystemsRegistry;
  /** Signs destruction acts (DSAR_ACT_SIGNER_P12); without it acts are issued unsigned. */
  actSigner?: ActSigner;
  /** Requests per minute before 429: failed authentications per client IP, writes per token. */
  rateLimit: { failedAuthPerMinute: number; writesPerMinute: number };
  /** HTTP server limits: a slow or oversized request is cut off instead of holding a socket. */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; bodyLimitBytes: number };
  /** Human-readable logs (pino-pretty) instead of JSON lines: `LOG_FORMAT`, else whether stdout is a terminal. */
  logPretty: boolean;
  letters: LetterSettings;
  /** Workflows the worker keeps in memory between tasks (DSAR_WORKER_MAX_CACHED_WORKFLOWS; loadConfig always sets it); others replay on their next task. */
  workerMaxCachedWorkflows?: number;
  /** The operator's mailbox read by e-mail intake (IMAP_URL); unset: intake is off. */
  imap?: ImapSettings;
  /**
   * How often the API starts the openings accepted while Temporal was away (DSAR_OPENING_RECONCILE_MS, default 5000;
   * loadConfig always sets it). 0 or unset: no reconciler in this process (docs/adr/016).
   */
  openingReconcileMs?: number;
  /** Which headers of a received message intake trusts (INTAKE_AUTHSERV_ID, INTAKE_RECEIVED_HOSTS; intake/mail-trust.ts). */
  intakeTrust?: IntakeTrustSettings;
  /** How long a web console sign-in lasts (DSAR_CONSOLE_SESSION_HOURS; loadConfig always sets it; default 12). */
  consoleSessionHours?: number;
}

/** E-mail intake's mailbox (intake/imap-intake.ts). */
export interface ImapSettings {
  host: string;
  port: number;
  /** `imaps://`: TLS from the first byte (993); `imap://` upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  /** Never logged. */
  password: string;
  /** The folder read (the URL's path), INBOX by default. */
  folder: string;
  /** Where a taken-in message is moved (IMAP_PROCESSED_FOLDER). */
  processedFolder: string;
  /** The safety-net poll beside IDLE (IMAP_POLL_INTERVAL_MS). */
  pollIntervalMs: number;
  /** IMAP_TLS_REJECT_UNAUTHORIZED=false accepts a self-signed server certificate. */
  rejectUnauthorized: boolean;
}

/** What of a message's headers was written by the operator's own mail server, and so can be believed. */
export interface IntakeTrustSettings {
  /** The authserv-id our mail server writes in Authentication-Results; unset: SPF/DKIM/DMARC are "not checked". */
  authservId?: string;
  /** Hosts whose Received: headers give an upload's day 0; unset: the operator profile's mail domains. */
  receivedHosts?: string[];
}

export function intakeTrustSettings(env: NodeJS.ProcessEnv = process.env): IntakeTrustSettings {
  const authservId = env.INTAKE_AUTHSERV_ID?.trim() || undefined;
  if (authservId !== undefined && !/^[A-Za-z0-9.-]+$/.test(authservId)) {
    throw new ConfigError(`INTAKE_AUTHSERV_ID=${authservId} is not an authserv-id: give the host name your mail server writes first in Authentication-Results, e.g. mx.example.ru.`);
  }
  const raw = env.INTAKE_RECEIVED_HOSTS?.trim();
  const receivedHosts = raw ? raw.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean) : undefined;
  for (const host of receivedHosts ?? []) {
    if (!/^[a-z0-9.-]+$/.test(host)) throw new ConfigError(`INTAKE_RECEIVED_HOSTS: "${host}" is not a host name; list hosts or domains, comma-separated, e.g. mx.example.ru,example.ru.`);
  }
  return { ...(authservId ? { authservId } : {}), ...(receivedHosts ? { receivedHosts } : {}) };
}

/** Where letters go out (letters/); without `smtp` they stay queued in the outbox. */
export interface LetterSettings {
  smtp?: SmtpSettings;
  /** The From address: by default the operator's request mailbox. */
  from: string;
  /** Operator-edited templates, searched before the shipped ones (same ru/ and en/ layout). */
  templatesDir?: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** `smtps://`: TLS from the first byte (port 465); `smtp://` upgrades with STARTTLS when offered. */
  secure: boolean;
  user?: string;
  /** Never logged: messages print SMTP_URL with the password masked. */
  password?: string;
}

/** Health, metrics and the codec endpoint (see the README's settings table). */
export interface ObservabilityConfig {
  /** A task-queue poller counts as a live worker if it polled within this many ms. */
  workerSeenWithinMs: number;
  /** Bearer token Prometheus sends to scrape `GET /metrics`; unset: no /metrics route. */
  metricsToken?: string;
  /** `POST /codec/decode` for the Temporal CLI and Web UI; off unless explicitly enabled. */
  codecEndpoint: boolean;
  /** Browser origins (the Temporal Web UI) allowed to call the codec endpoint. */
  codecCorsOrigins: string[];
  /** host:port where the worker serves the Temporal SDK's Prometheus metrics; unset: off. */
  workerMetricsAddress?: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A port setting (`name` in `env`), `fallback` when unset; anything else than 0–65535 stops the process. */
export function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${name}=${raw} is not a port number: use an integer 0–65535.`);
  return n;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name}=${raw} must be a positive whole number.`);
  return n;
}

/** Like positiveInt, with 0 allowed (it turns the thing off). */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name}=${raw} must be a whole number of milliseconds (0: off).`);
  return n;
}

function httpLimits(env: NodeJS.ProcessEnv): Config['http'] {
  const limits = {
    headersTimeoutMs: positiveInt(env, 'DSAR_HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: positiveInt(env, 'DSAR_REQUEST_TIMEOUT_MS', 30_000),
    keepAliveTimeoutMs: positiveInt(env, 'DSAR_KEEP_ALIVE_TIMEOUT_MS', 5_000),
    bodyLimitBytes: positiveInt(env, 'DSAR_BODY_LIMIT_BYTES', 102_400),
  };
  // Node refuses a headers timeout longer than the whole-request timeout.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError(`DSAR_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed DSAR_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}).`);
  }
  return limits;
}

/** `LOG_FORMAT=json|pretty` wins; otherwise pretty only when a person is watching the terminal. */
export function logPretty(raw: string | undefined, isTTY: boolean): boolean {
  if (raw === undefined || raw === '') return isTTY;
  if (raw !== 'json' && raw !== 'pretty') throw new ConfigError(`LOG_FORMAT=${raw} is not json or pretty.`);
  return raw === 'pretty';
}

function timeZone(raw: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
    return raw;
  } catch {
    throw new ConfigError(`DSAR_TIME_ZONE=${raw} is not an IANA time zone: use e.g. Europe/Moscow.`);
  }
}

function payloadKey(raw: string | undefined): Buffer {
  if (!raw) {
    throw new ConfigError('DSAR_PAYLOAD_KEY is not set: it encrypts personal data in Temporal history. ' +
      'Generate one with `openssl rand -base64 32` (npm start creates one in .data/payload.key for you).');
  }
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('DSAR_PAYLOAD_KEY must be 32 bytes, base64-encoded (`openssl rand -base64 32`).');
  return key;
}

export function temporalConfig(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const { TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key } = env;
  if (!!cert !== !!key) {
    throw new ConfigError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together (mTLS client certificate): set both or neither.');
  }
  const tlsOn = env.TEMPORAL_TLS === 'true' || !!ca || !!cert || !!env.TEMPORAL_API_KEY;
  return {
    address: env.TEMPORAL_ADDRESS || `127.0.0.1:${port(env, 'TEMPORAL_PORT', 7233)}`,
    namespace: env.TEMPORAL_NAMESPACE || 'dsar',
    taskQueue: env.TEMPORAL_TASK_QUEUE || 'dsar-cases',
    // Off unless said: an upsert of an attribute the namespace lacks would fail every workflow task of the case.
    searchAttributes: env.TEMPORAL_SEARCH_ATTRIBUTES === 'true',
    tls: tlsOn ? { serverRootCACertificatePath: ca, clientCertPath: cert, clientKeyPath: key } : undefined,
    apiKey: env.TEMPORAL_API_KEY || undefined,
  };
}

/** The settings the legal-time engine needs; the CLI reads only these. */
export function legalTimeSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    timeZone: timeZone(env.DSAR_TIME_ZONE || 'Europe/Moscow'),
    calendarDir: env.DSAR_CALENDAR_DIR || undefined,
    operator: operatorProfileFromEnv(env),
  };
}

export function observabilitySettings(env: NodeJS.ProcessEnv = process.env): ObservabilityConfig {
  const metricsToken = env.DSAR_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 32) {
    throw new ConfigError('DSAR_METRICS_TOKEN must be at least 32 characters: use `openssl rand -base64 32`.');
  }
  const codec = env.DSAR_CODEC_ENDPOINT || 'false';
  if (codec !== 'true' && codec !== 'false') throw new ConfigError(`DSAR_CODEC_ENDPOINT=${codec} must be true or false.`);
  const origins = (env.DSAR_CODEC_CORS_ORIGINS ?? 'http://127.0.0.1:8233,http://localhost:8233').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError(`DSAR_CODEC_CORS_ORIGINS: "${origin}" is not an origin like http://127.0.0.1:8233 (scheme://host[:port], no path).`);
  }
  const workerMetricsAddress = env.DSAR_WORKER_METRICS_ADDRESS || undefined;
  if (workerMetricsAddress !== undefined && !/^[^\s:]+:\d{1,5}$/.test(workerMetricsAddress)) {
    throw new ConfigError(`DSAR_WORKER_METRICS_ADDRESS=${workerMetricsAddress} must be host:port, e.g. 127.0.0.1:9465.`);
  }
  return {
    workerSeenWithinMs: positiveInt(env, 'DSAR_WORKER_SEEN_WITHIN_MS', 90_000),
    metricsToken,
    codecEndpoint: codec === 'true',
    codecCorsOrigins: origins,
    workerMetricsAddress,
  };
}

/** A mail server's URL setting, parsed, and the same with its password masked for messages (never logged in clear). */
function serverUrl(name: string, raw: string, example: string): { url: URL; masked: string } {
  const masked = raw.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  try {
    return { url: new URL(raw), masked };
  } catch {
    throw new ConfigError(`${name}=${masked} is not a URL: use ${example}.`);
  }
}

function smtpSettings(env: NodeJS.ProcessEnv, readFile: (path: string) => string): SmtpSettings | undefined {
  if (!env.SMTP_URL) return undefined;
  const { url, masked } = serverUrl('SMTP_URL', env.SMTP_URL, 'smtp://user:password@host:587 or smtps://…:465');
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`SMTP_URL=${masked} must start with smtp:// or smtps://.`);
  if (!url.hostname) throw new ConfigError(`SMTP_URL=${masked} names no host.`);
  let password = url.password ? decodeURIComponent(url.password) : undefined;
  if (env.SMTP_PASSWORD_FILE) {
    try {
      password = readFile(env.SMTP_PASSWORD_FILE).trim();
    } catch {
      throw new ConfigError(`SMTP_PASSWORD_FILE=${env.SMTP_PASSWORD_FILE} cannot be read: point it at a file holding the SMTP password.`);
    }
  }
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : secure ? 465 : 587, secure,
    user: url.username ? decodeURIComponent(url.username) : undefined, password,
  };
}

/**
 * Letters speak in the operator's name: From is SMTP_FROM or the profile's first request mailbox, and it must be at
 * one of the profile's mail domains (the Message-ID's domain follows From), so one operator's engine never writes
 * as another.
 */
export function letterSettings(
  env: NodeJS.ProcessEnv = process.env, readFile = (p: string) => readFileSync(p, 'utf8'), operator: OperatorProfile = operatorProfileFromEnv(env),
): LetterSettings {
  const domains = operatorDomains(operator);
  const from = env.SMTP_FROM || operator.requestChannels?.mailboxes?.[0]?.address;
  if (!from) {
    throw new ConfigError(`the operator profile names no request mailbox to send letters from: add requestChannels.mailboxes to it, or set SMTP_FROM to the operator's address.`);
  }
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address) || /[<>]/.test(from.replace(/<[^<>]+>\s*$/, ''))) {
    throw new ConfigError(`SMTP_FROM=${from} is not an e-mail address: use requests@example.ru or "Example LLC <requests@example.ru>".`);
  }
  const domain = address.split('@')[1]!.toLowerCase();
  if (!domains.includes(domain)) {
    throw new ConfigError(`SMTP_FROM=${from} is not at the operator's mail domain${domains.length === 1 ? '' : 's'} (${domains.join(', ') || 'the profile names none'}): ` +
      `letters would go out in another's name. Use an address at ${domains.length ? domains.join(' or ') : 'the operator\'s domain'}, or add the mailbox to the profile's requestChannels.mailboxes.`);
  }
  return { smtp: smtpSettings(env, readFile), from, templatesDir: env.DSAR_LETTER_TEMPLATES_DIR || undefined };
}

/**
 * The systems registry must be the operator's own: it names its operator, and the name or INN must be the profile's.
 * Another operator's registry would print its systems in this operator's acts.
 */
export function checkRegistryOperator(registry: SystemsRegistry, operator: OperatorProfile, file: string): SystemsRegistry {
  const named = registry.operator;
  const profileNames = [operator.legalName.asInPolicy, operator.legalName.ru].filter((n): n is string => !!n);
  if (!named) {
    throw new ConfigError(`systems registry ${file} does not name its operator: add "operator": {"name": "${profileNames[0]}"${operator.inn ? `, "inn": "${operator.inn}"` : ''}} to it.`);
  }
  const sameInn = named.inn !== undefined && operator.inn !== undefined ? named.inn === operator.inn : undefined;
  if (sameInn === false || (sameInn === undefined && !profileNames.includes(named.name))) {
    throw new ConfigError(`systems registry ${file} belongs to ${named.name}${named.inn ? ` (INN ${named.inn})` : ''}, not to ${profileNames[0]}${operator.inn ? ` (INN ${operator.inn})` : ''} of the operator profile: ` +
      `set DSAR_SYSTEMS_FILE to this operator's own registry.`);
  }
  return registry;
}

/**
 * Each cached case costs the worker memory; an evicted one costs a replay of its history on its next task
 * (a reminder or an action). The default keeps a worker with 10,000 open cases under 1 GB RSS (README
 * "Benchmarks"); the SDK's own default grows with the heap limit (about 2,300 on a 24 GB machine).
 */
export const DEFAULT_WORKER_MAX_CACHED_WORKFLOWS = 1000;

function maxCachedWorkflows(env: NodeJS.ProcessEnv): number {
  const n = positiveInt(env, 'DSAR_WORKER_MAX_CACHED_WORKFLOWS', DEFAULT_WORKER_MAX_CACHED_WORKFLOWS);
  // The SDK needs room for two workflow tasks at once.
  if (n < 2) throw new ConfigError(`DSAR_WORKER_MAX_CACHED_WORKFLOWS=${n} must be at least 2.`);
  return n;
}

/**
 * The retention workflow: closed cases are minimised DSAR_MINIMISE_AFTER_DAYS after closing (default 1,095 = 3
 * years, as long as Order 179 keeps an act and the Civil Code's general limitation period runs).
 */
export function retentionSettings(env: NodeJS.ProcessEnv = process.env): { minimiseAfterDays: number } {
  return { minimiseAfterDays: positiveInt(env, 'DSAR_MINIMISE_AFTER_DAYS', 1095) };
}

export function imapSettings(env: NodeJS.ProcessEnv = process.env, readFile = (p: string) => readFileSync(p, 'utf8')): ImapSettings | undefined {
  if (!env.IMAP_URL) return undefined;
  const { url, masked } = serverUrl('IMAP_URL', env.IMAP_URL, 'imaps://user@imap.example.ru/INBOX (password in IMAP_PASSWORD or IMAP_PASSWORD_FILE)');
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new ConfigError(`IMAP_URL=${masked} must start with imap:// or imaps://.`);
  if (!url.hostname || !url.username) throw new ConfigError(`IMAP_URL=${masked} must name the host and the mailbox user (imaps://user@host/INBOX).`);
  let password = env.IMAP_PASSWORD || (url.password ? decodeURIComponent(url.password) : undefined);
  if (env.IMAP_PASSWORD_FILE) {
    try {
      password = readFile(env.IMAP_PASSWORD_FILE).trim();
    } catch {
      throw new ConfigError(`IMAP_PASSWORD_FILE=${env.IMAP_PASSWORD_FILE} cannot be read: point it at a file holding the mailbox password.`);
    }
  }
  if (!password) throw new ConfigError('IMAP_URL is set but no password is: set IMAP_PASSWORD or IMAP_PASSWORD_FILE.');
  const tlsCheck = env.IMAP_TLS_REJECT_UNAUTHORIZED || 'true';
  if (tlsCheck !== 'true' && tlsCheck !== 'false') throw new ConfigError(`IMAP_TLS_REJECT_UNAUTHORIZED=${tlsCheck} must be true or false.`);
  const secure = url.protocol === 'imaps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : secure ? 993 : 143, secure,
    user: decodeURIComponent(url.username), password,
    folder: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX',
    processedFolder: env.IMAP_PROCESSED_FOLDER || 'Processed',
    pollIntervalMs: positiveInt(env, 'IMAP_POLL_INTERVAL_MS', 30_000),
    rejectUnauthorized: tlsCheck === 'true',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL=${logLevel} is not one of ${LOG_LEVELS.join(', ')}.`);
  const legalTime = legalTimeSettings(env);
  const systemsFile = systemsRegistryFile(env);
  return {
    databaseUrl: env.DATABASE_URL || devDatabaseUrl(env),
    reminderPolicy: reminderPolicy(env.DSAR_REMINDER_POLICY),
    temporal: temporalConfig(env),
    host: env.HOST || '127.0.0.1',
    port: port(env, 'PORT', 3000),
    actionTimeoutMs: positiveInt(env, 'DSAR_ACTION_TIMEOUT_MS', 30_000),
    logLevel,
    payloadKey: payloadKey(env.DSAR_PAYLOAD_KEY),
    ...legalTime,
    rateLimit: {
      failedAuthPerMinute: positiveInt(env, 'DSAR_RATE_LIMIT_FAILED_AUTH', 20),
      writesPerMinute: positiveInt(env, 'DSAR_RATE_LIMIT_WRITES', 120),
    },
    http: httpLimits(env),
    logPretty: logPretty(env.LOG_FORMAT, process.stdout.isTTY === true),
    ...observabilitySettings(env),
    letters: letterSettings(env, undefined, legalTime.operator),
    workerMaxCachedWorkflows: maxCachedWorkflows(env),
    imap: imapSettings(env),
    openingReconcileMs: wholeNumber(env, 'DSAR_OPENING_RECONCILE_MS', 5_000),
    systems: checkRegistryOperator(loadSystemsRegistry(systemsFile), legalTime.operator, systemsFile),
    actSigner: actSignerFromEnv(env),
    consoleSessionHours: positiveInt(env, 'DSAR_CONSOLE_SESSION_HOURS', 12),
    intakeTrust: intakeTrustSettings(env),
  };
}
