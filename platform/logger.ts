import pino, { type LoggerOptions } from 'pino';

/**
 * Personal data never reaches the logs: subject fields, tokens and raw bodies are redacted wherever
 * they appear in a log object. Request logging (api/request-log.ts) records only method, route
 * pattern, status and time.
 */
export const redactPaths = [
  'subject', '*.subject', '*.*.subject',
  'email', '*.email', 'name', '*.name',
  'req.headers.authorization', 'headers.authorization', 'authorization',
  'token', '*.token', 'body', '*.body',
  // PostgreSQL puts the offending row's values in `detail` ("Failing row contains (…)").
  'err.detail', '*.err.detail',
];

export const CENSOR = '[redacted]';

/**
 * `pretty`: readable lines for a person at a terminal (pino-pretty, in a worker thread); otherwise JSON
 * lines for a log collector. Redaction happens before either, in this process.
 */
export function loggerOptions(level: string, opts: { pretty?: boolean } = {}): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: CENSOR },
    ...(opts.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
}

export function createLogger(level = process.env.LOG_LEVEL ?? 'info', opts: { pretty?: boolean } = {}) {
  return pino(loggerOptions(level, opts));
}
