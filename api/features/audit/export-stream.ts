import { pipeline, Transform, type Readable } from 'node:stream';
import contentDisposition from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';
import { CHAINED_EVENT_COLUMNS } from '../../../cli/audit-chain';

/**
 * The columns of an exported event, in the text forms the chain's hash covers (cli/audit-chain.ts): an auditor
 * can recompute every `hash` from the export alone. `data` is jsonb's own text, `at`/`actedAt` UTC with
 * microseconds. No column of the case row (the subject's name or e-mail) is joined in.
 */
export const EXPORT_COLUMNS = ['chainSeq', 'id', 'caseId', 'at', 'actor', 'action', 'fromStatus', 'toStatus',
  'message', 'data', 'dedupeKey', 'actedAt', 'prevHash', 'hash'] as const;

/** Rows fetched from the server-side cursor at a time: the only rows held in memory besides the stream buffers. */
const BATCH_ROWS = 500;

const jsonLines = () => new Transform({
  writableObjectMode: true,
  transform(row: Record<string, unknown>, _enc, done) {
    done(null, `${JSON.stringify(row)}\n`);
  },
});

/**
 * Streams every event recorded in [from, to) in chain order from a PostgreSQL cursor (pg-query-stream) through
 * CSV (csv-stringify) or JSON Lines. Backpressure runs end to end: the cursor fetches the next batch only when
 * the client has read the previous ones. The connection is released when the stream ends, fails or the client
 * goes away (then discarded: a cursor may still be open on it).
 */
export async function exportEvents(pool: pg.Pool, q: { from: string; to: string; format: 'csv' | 'jsonl' }): Promise<Readable> {
  const client = await pool.connect();
  const rows = client.query(new QueryStream(
    `SELECT ${CHAINED_EVENT_COLUMNS} FROM audit_events WHERE at >= $1::timestamptz AND at < $2::timestamptz ORDER BY chain_seq`,
    [q.from, q.to], { batchSize: BATCH_ROWS, highWaterMark: BATCH_ROWS }));
  const encode = q.format === 'csv'
    ? stringify({ header: true, columns: [...EXPORT_COLUMNS] })
    : jsonLines();
  let released = false;
  return pipeline(rows, encode, (err) => {
    if (released) return;
    released = true;
    client.release(err ?? undefined);
  }) as Readable;
}

/** Sends the export of [from, to) as a download: the API's route and the console's export form answer alike. */
export async function sendExport(reply: FastifyReply, pool: pg.Pool, q: { from: string; to: string; format: 'csv' | 'jsonl' }) {
  const stream = await exportEvents(pool, q);
  const name = `audit-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.${q.format}`;
  return reply
    .type(q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8')
    .header('content-disposition', contentDisposition(name))
    .send(stream);
}
