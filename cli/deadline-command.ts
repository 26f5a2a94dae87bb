/**
 * `dsar deadline`: statutory deadlines from the command line.
 *
 *   dsar deadline --rule access --from 2025-10-24 [--tz Europe/Moscow]
 *   dsar deadline --batch < requests.jsonl
 *
 * Single mode prints one JSON object on one line. On error it prints
 * {"error":{"code","message"}} to stdout, the message to stderr, exit code 2.
 * Batch mode reads JSON Lines {"rule","from"} and writes one line per
 * non-blank input line, in order; a bad line yields
 * {"error":{"code","message","line":N}} and processing continues. Exit code:
 * 0 all lines ok, 1 some lines failed, 2 the run could not start.
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ConfigError } from '../platform/config-error';
import {
  computeDeadline,
  isLegalTimeError,
  RULE_IDS,
  type Calendar,
  type InternalTerms,
} from '../domain/legal-time';

export interface DeadlineCommandDeps {
  loadCalendar: () => Calendar;
  timeZone: () => string;
  internalTerms: () => InternalTerms;
  /** Streams, replaceable in tests; default the process's own. */
  io?: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
}

export interface BatchOptions {
  calendar: Calendar;
  timeZone: string;
  internalTerms?: InternalTerms;
  /** Characters buffered before a write; default 64 KiB. */
  chunkSize?: number;
}

export interface BatchSummary {
  lines: number;
  errors: number;
}

interface ErrorBody {
  code: string;
  message: string;
  line?: number;
}

const ALLOWED_FIELDS = new Set(['rule', 'from']);

/** Batch-line and usage errors; domain errors stay LegalTimeError. */
class CliError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function toErrorBody(error: unknown): ErrorBody {
  if (isLegalTimeError(error)) return { code: error.code, message: error.message };
  if (error instanceof CliError) return { code: error.code, message: error.message };
  // An unusable operator profile (DSAR_OPERATOR_PROFILE) or calendar override: the message says what to fix.
  if (error instanceof ConfigError) return { code: error.code, message: error.message };
  return { code: 'internal_error', message: error instanceof Error ? error.message : String(error) };
}

function parseLine(text: string): { rule: string; from: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError('invalid_json', 'line is not valid JSON; expected {"rule": "<id>", "from": "<date|instant>"}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError('invalid_request', 'line must be a JSON object {"rule": "<id>", "from": "<date|instant>"}');
  }
  const unknown = Object.keys(value).filter((key) => !ALLOWED_FIELDS.has(key));
  if (unknown.length > 0) {
    throw new CliError('unknown_field', `unknown field(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}; only "rule" and "from" are allowed`);
  }
  return value as { rule: string; from: string };
}

/** Computes one result per non-blank line, in order, writing in chunks (awaiting the writer only if it returns a promise). */
export async function runBatch(
  input: AsyncIterable<string> | Iterable<string>,
  write: (chunk: string) => void | Promise<void>,
  opts: BatchOptions,
): Promise<BatchSummary> {
  const chunkSize = opts.chunkSize ?? 65_536;
  const options = { calendar: opts.calendar, timeZone: opts.timeZone, internalTerms: opts.internalTerms };
  const summary: BatchSummary = { lines: 0, errors: 0 };
  let buffer = '';
  let lineNo = 0;
  for await (const raw of input) {
    lineNo += 1;
    if (raw.trim() === '') continue;
    summary.lines += 1;
    try {
      buffer += `${JSON.stringify(computeDeadline(parseLine(raw), options))}\n`;
    } catch (error) {
      summary.errors += 1;
      buffer += `${JSON.stringify({ error: { ...toErrorBody(error), line: lineNo } })}\n`;
    }
    if (buffer.length >= chunkSize) {
      const pending = write(buffer);
      buffer = '';
      if (pending) await pending;
    }
  }
  if (buffer !== '') await write(buffer);
  return summary;
}

/** Honours backpressure; a closed reader (EPIPE, e.g. `| head`) rejects instead of hanging on 'drain'. */
function streamWriter(stream: NodeJS.WritableStream): (chunk: string) => void | Promise<void> {
  let failure: Error | undefined;
  stream.on('error', (error: Error) => {
    failure = error;
  });
  return (chunk) => {
    if (failure) throw failure;
    if (stream.write(chunk)) return undefined;
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: Error): void => {
        stream.off('drain', settle);
        stream.off('error', settle);
        if (error) reject(error);
        else resolve();
      };
      stream.once('drain', settle);
      stream.once('error', settle);
    });
  };
}

function isBrokenPipe(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EPIPE';
}

interface DeadlineFlags {
  rule?: string;
  from?: string;
  tz?: string;
  batch?: boolean;
}

async function runDeadline(flags: DeadlineFlags, deps: DeadlineCommandDeps): Promise<number> {
  const io = deps.io ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  try {
    const calendar = deps.loadCalendar();
    const timeZone = flags.tz ?? deps.timeZone();
    const internalTerms = deps.internalTerms();
    if (flags.batch) {
      if (flags.rule !== undefined || flags.from !== undefined) {
        throw new CliError('invalid_usage', '--batch reads "rule" and "from" from stdin; drop --rule and --from');
      }
      const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
      const summary = await runBatch(lines, streamWriter(io.stdout), { calendar, timeZone, internalTerms });
      return summary.errors > 0 ? 1 : 0;
    }
    if (flags.rule === undefined || flags.from === undefined) {
      throw new CliError('missing_option', 'pass --rule <id> and --from <date|instant>, or --batch with JSON Lines on stdin');
    }
    const result = computeDeadline({ rule: flags.rule, from: flags.from }, { calendar, timeZone, internalTerms });
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    // The reader went away (`dsar deadline --batch | head`): stop quietly, like any Unix filter.
    if (isBrokenPipe(error)) return 0;
    const body = toErrorBody(error);
    io.stdout.write(`${JSON.stringify({ error: body })}\n`);
    io.stderr.write(`deadline: ${body.message}\n`);
    return 2;
  }
}

export function registerDeadlineCommand(program: Command, deps: DeadlineCommandDeps): Command {
  return program
    .command('deadline')
    .description('Compute a 152-FZ deadline on the production calendar (prints JSON)')
    .option('--rule <id>', `rule id: ${RULE_IDS.join(', ')}`)
    .option('--from <date|instant>', 'day 0: YYYY-MM-DD in operator time, or an ISO-8601 instant with offset/Z')
    .option('--tz <zone>', 'operator IANA time zone, overriding the configured one')
    .option('--batch', 'read JSON Lines {"rule","from"} from stdin; one JSON result per line, in order')
    .action(async (flags: DeadlineFlags) => {
      // exitCode (not process.exit) lets buffered stdout drain before the process ends.
      process.exitCode = await runDeadline(flags, deps);
    });
}
