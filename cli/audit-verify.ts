import type pg from 'pg';
import { CHAINED_EVENT_COLUMNS, GENESIS_HASH, eventHash, type ChainedEvent } from './audit-chain';
import type { Anchor } from './audit-anchor-file';

export type FindingKind = 'tampered' | 'missing' | 'reordered' | 'anchor' | 'truncated';

export interface Finding {
  kind: FindingKind;
  /** Where in the chain: the event named, or the first missing place. */
  chainSeq: string;
  message: string;
}

export type Verification =
  | { ok: true; events: number; anchors: number; head?: { chainSeq: string; hash: string } }
  | { ok: false; finding: Finding };

const describe = (e: ChainedEvent) =>
  `event chain_seq ${e.chainSeq} (id ${e.id}, ${e.caseId ? `case ${e.caseId}` : 'no case'}, action ${e.action}, at ${e.at})`;

/**
 * Reads the log in chain order through server-side cursors (a page at a time: memory does not grow with
 * the log), in one read-only snapshot, and returns the first event that breaks the chain:
 *  - missing:   a chain_seq is skipped (rows deleted);
 *  - reordered: an event's prev_hash is not the previous event's hash (rows moved or replaced);
 *  - tampered:  an event's content no longer gives its hash (a row altered);
 *  - anchor / truncated: an anchor no longer matches, or names an event past the end (tail cut off).
 * `external` anchors (an anchor file the operator keeps: ADR 017) are checked exactly as the database's own are.
 */
export async function verifyAuditChain(client: pg.ClientBase, pageSize = 1000, external: Anchor[] = []): Promise<Verification> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query(`DECLARE audit_events_cursor NO SCROLL CURSOR FOR SELECT ${CHAINED_EVENT_COLUMNS} FROM audit_events ORDER BY chain_seq`);
    await client.query(`DECLARE audit_anchors_cursor NO SCROLL CURSOR FOR
      SELECT chain_seq::text AS "chainSeq", hash, source, audit_time(at) AS at FROM audit_anchors ORDER BY chain_seq`);
    const anchors = inOrder(pages<Anchor>(client, 'audit_anchors_cursor', pageSize), external);
    let anchor = await anchors.next();
    let previous: ChainedEvent | undefined;
    let events = 0;
    let anchorsChecked = 0;
    for await (const e of pages<ChainedEvent>(client, 'audit_events_cursor', pageSize)) {
      const finding = checkEvent(e, previous);
      if (finding) return { ok: false, finding };
      while (!anchor.done && BigInt(anchor.value.chainSeq) <= BigInt(e.chainSeq)) {
        if (anchor.value.chainSeq !== e.chainSeq) {
          return { ok: false, finding: { kind: 'anchor', chainSeq: anchor.value.chainSeq,
            message: `the anchor recorded at ${anchor.value.at} (${anchor.value.source}) names chain_seq ${anchor.value.chainSeq}, which is not in the log.` } };
        }
        if (anchor.value.hash !== e.hash) {
          return { ok: false, finding: { kind: 'anchor', chainSeq: e.chainSeq,
            message: `${describe(e)} does not match the anchor recorded for it at ${anchor.value.at} (${anchor.value.source}): the chain was rewritten up to here.` } };
        }
        anchorsChecked++;
        anchor = await anchors.next();
      }
      previous = e;
      events++;
    }
    if (!anchor.done) {
      const end = previous ? `ends at chain_seq ${previous.chainSeq}` : 'is empty';
      return { ok: false, finding: { kind: 'truncated', chainSeq: anchor.value.chainSeq,
        message: `the log ${end}, but an anchor recorded at ${anchor.value.at} (${anchor.value.source}) names chain_seq ${anchor.value.chainSeq}: events from chain_seq ${previous ? BigInt(previous.chainSeq) + 1n : 1n} on were removed.` } };
    }
    return { ok: true, events, anchors: anchorsChecked, head: previous && { chainSeq: previous.chainSeq, hash: previous.hash } };
  } finally {
    await client.query('ROLLBACK');
  }
}

/** The first problem with `e` given the event before it, in the order that names the cause best. */
function checkEvent(e: ChainedEvent, previous: ChainedEvent | undefined): Finding | undefined {
  const expected = previous ? BigInt(previous.chainSeq) + 1n : 1n;
  if (BigInt(e.chainSeq) !== expected) {
    const last = BigInt(e.chainSeq) - 1n;
    const range = last === expected ? `chain_seq ${expected}` : `chain_seq ${expected}–${last}`;
    return { kind: 'missing', chainSeq: expected.toString(),
      message: `missing event: ${range} is not in the log (deleted); the next event present is ${describe(e)}.` };
  }
  if (e.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
    return { kind: 'reordered', chainSeq: e.chainSeq,
      message: `${describe(e)} is out of order: its prev_hash is not the hash of the event before it (rows reordered or replaced).` };
  }
  if (eventHash(e) !== e.hash) {
    return { kind: 'tampered', chainSeq: e.chainSeq,
      message: `${describe(e)} was altered: its content no longer matches its hash.` };
  }
  return undefined;
}

/** The database's anchors (already in chain order) with the external ones merged in, in chain order. */
async function* inOrder(stored: AsyncGenerator<Anchor>, external: Anchor[]): AsyncGenerator<Anchor> {
  const extra = [...external].sort((a, b) => (BigInt(a.chainSeq) < BigInt(b.chainSeq) ? -1 : BigInt(a.chainSeq) > BigInt(b.chainSeq) ? 1 : 0));
  let i = 0;
  for await (const a of stored) {
    while (i < extra.length && BigInt(extra[i]!.chainSeq) <= BigInt(a.chainSeq)) yield extra[i++]!;
    yield a;
  }
  yield* extra.slice(i);
}

async function* pages<T>(client: pg.ClientBase, cursor: string, pageSize: number): AsyncGenerator<T> {
  for (;;) {
    const rows = (await client.query(`FETCH ${pageSize} FROM ${cursor}`)).rows as T[];
    yield* rows;
    if (rows.length < pageSize) return;
  }
}

/** Records an anchor at the current head (through audit_anchor(), the app role may not insert anchors). */
export async function anchorHead(pool: pg.Pool, source: string): Promise<{ chainSeq: string; hash: string } | undefined> {
  const { rows } = await pool.query(`SELECT chain_seq::text AS "chainSeq", hash FROM audit_anchor($1) WHERE chain_seq IS NOT NULL`, [source]);
  return rows[0];
}
