import pino, { type LoggerOptions } from 'pino';

/**
 * Personal data never reaches the logs: subject fields, tokens and raw bodies are redacted wherever
 * they appear in a log object. Request logging (Fastify) only records method, URL and status.
 */
export const redactPaths = [
  'subject', '*.subject', '*.*.subject',
  'email', '*.email', 'name', '*.name',
  'req.headers.authorization', 'headers.authorization', 'authorization',
  'token', '*.token', 'body', '*.body',
  // PostgreSQL puts the offending row's values in `detail` ("Failing row contains (…)").
  'err.detail', '*.err.detail',
];

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: redactPaths, censor: '[redacted]' } };
}

export function createLogger(level = process.env.LOG_LEVEL ?? 'info') {
  return pino(loggerOptions(level));
}
