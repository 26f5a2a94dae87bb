import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import pino from 'pino';
import { CENSOR } from './logger';

/** Keys whose values are personal data wherever they appear, even deep inside an error's causes. */
const SENSITIVE_KEYS = new Set(['detail', 'subject', 'email', 'token', 'body', 'authorization']);
const MAX_DEPTH = 8;

/**
 * A copy of the SDK's metadata fit for the log: errors become plain objects (message, stack, code,
 * causes — pino's error serializer), sensitive keys are censored at any depth. Needed because the SDK
 * logs failures as `{ error }` with the original error: a pg error's `detail` quotes the row
 * ("Failing row contains (…, ivan@example.ru)"), deeper than pino's fixed redaction paths reach.
 */
export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (seen.has(value) || depth > MAX_DEPTH) return '[…]';
  seen.add(value);
  const source = value instanceof Error ? pino.stdSerializers.err(value) : value;
  if (Array.isArray(source)) return source.map((v) => scrub(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(source)) {
    out[key] = SENSITIVE_KEYS.has(key) ? CENSOR : scrub(v, depth + 1, seen);
  }
  return out;
}

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error',
};

/**
 * The level for SDK messages: its lifecycle chatter ("Worker state changed", …) stays at WARN unless
 * the operator asks for debug or trace; a quieter LOG_LEVEL (error, silent) is respected.
 */
export function sdkLogLevel(appLevel: string): string {
  return appLevel === 'info' ? 'warn' : appLevel;
}

/** The Temporal SDK's Logger, writing through our pino logger (same redaction, same format). */
export class PinoSdkLogger implements Logger {
  private readonly pino: pino.Logger;

  constructor(parent: pino.Logger, level = sdkLogLevel(parent.level)) {
    this.pino = parent.child({ component: 'temporal-sdk' }, { level });
  }

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const method = PINO_LEVEL[level] ?? 'info';
    if (!this.pino.isLevelEnabled(method)) return;
    this.pino[method](meta ? (scrub(meta) as object) : {}, message);
  }
  trace(message: string, meta?: LogMetadata) { this.log('TRACE', message, meta); }
  debug(message: string, meta?: LogMetadata) { this.log('DEBUG', message, meta); }
  info(message: string, meta?: LogMetadata) { this.log('INFO', message, meta); }
  warn(message: string, meta?: LogMetadata) { this.log('WARN', message, meta); }
  error(message: string, meta?: LogMetadata) { this.log('ERROR', message, meta); }
}

const CORE_LEVEL: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN' };

/**
 * Installs the SDK runtime with our logger, once per process, before any worker or connection. The
 * native core's logs are forwarded to it too, so nothing the SDK prints bypasses the redaction.
 * `metricsAddress` (DSAR_WORKER_METRICS_ADDRESS) turns on the SDK's Prometheus endpoint.
 */
export function installSdkLogging(log: pino.Logger, metricsAddress?: string): void {
  const logger = new PinoSdkLogger(log);
  const core = CORE_LEVEL[sdkLogLevel(log.level)] ?? 'ERROR';
  Runtime.install({
    logger,
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core }), forward: {} },
      // The SDK's own metrics at http://<address>/metrics, default names, so Temporal's published SDK dashboards work.
      ...(metricsAddress && { metrics: { prometheus: { bindAddress: metricsAddress } } }),
    },
  });
}
