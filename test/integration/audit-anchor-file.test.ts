import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAnchor, readAnchorFile } from '../../cli/audit-anchor-file';
import { verifyAuditChain } from '../../cli/audit-verify';
import { freshDatabase } from '../helpers/database';
import { runDsar } from '../helpers/dsar-cli';

/**
 * ADR 017, the chain's tail: the owner (a superuser) deletes the newest events and the in-database anchors that
 * name them. The database alone cannot tell; an anchor file kept outside it can, in this process (verifyAuditChain
 * with the file's anchors) and over the CLI (`dsar audit anchor --out`, `dsar audit verify --anchor-file`).
 */
const KEY = 'k'.repeat(40);
let db: Awaited<ReturnType<typeof freshDatabase>>;
let owner: pg.Client;
let app: pg.Pool;
let dir: string;
beforeAll(async () => {
  db = await freshDatabase();
  owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  app = new pg.Pool({ connectionString: db.appUrl, max: 2 });
  dir = mkdtempSync(path.join(tmpdir(), 'dsar-anchors-'));
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let n = 0;
async function append(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await app.query(`INSERT INTO audit_events (actor, action, message, dedupe_key) VALUES ('system', 'test.event', 'e', $1)`, [`anchor-file:${++n}`]);
  }
}
const head = async () => (await owner.query(`SELECT chain_seq::text AS "chainSeq", hash FROM audit_events ORDER BY chain_seq DESC LIMIT 1`)).rows[0] as { chainSeq: string; hash: string };
/** What the owner does to hide the newest events: delete them and every in-database anchor past the new end. */
async function cutTail(fromSeq: number): Promise<void> {
  await owner.query('BEGIN');
  await owner.query('SET LOCAL session_replication_role = replica'); // the append-only triggers off, as a superuser can
  await owner.query('DELETE FROM audit_events WHERE chain_seq >= $1', [fromSeq]);
  await owner.query('DELETE FROM audit_anchors WHERE chain_seq >= $1', [fromSeq]);
  await owner.query('COMMIT');
}
async function verify(file?: string, key?: string) {
  const client = await app.connect();
  try {
    return await verifyAuditChain(client, 2, file ? readAnchorFile(file, key).anchors : []);
  } finally {
    client.release();
  }
}

describe('in this process', () => {
  it('a cut tail passes the database alone, and is named as truncated against the anchor file', async () => {
    const file = path.join(dir, 'in-process.jsonl');
    await append(3);
    const first = appendAnchor(file, { ...(await head()), events: 3, at: new Date().toISOString() }, KEY);
    await append(3);
    const second = appendAnchor(file, { ...(await head()), events: 6, at: new Date().toISOString() }, KEY);
    expect(second.chainSeq).toBe(String(Number(first.chainSeq) + 3));
    expect(await verify(file, KEY)).toMatchObject({ ok: true, events: Number(second.chainSeq), anchors: 2 });

    await cutTail(Number(second.chainSeq) - 1);
    expect(await verify()).toMatchObject({ ok: true }); // what the database alone can say
    expect(await verify(file, KEY)).toEqual({ ok: false, finding: { kind: 'truncated', chainSeq: second.chainSeq,
      message: `the log ends at chain_seq ${Number(second.chainSeq) - 2}, but an anchor recorded at ${second.at} (${file} line 2) names chain_seq ${second.chainSeq}: events from chain_seq ${Number(second.chainSeq) - 1} on were removed.` } });
  });

  it('refuses an edited line when the key is set, and a line that is no anchor', () => {
    const file = path.join(dir, 'edited.jsonl');
    appendAnchor(file, { chainSeq: '7', hash: 'a'.repeat(64), events: 7, at: '2026-01-01T00:00:00.000Z' }, KEY);
    expect(readAnchorFile(file, KEY).anchors).toEqual([{ chainSeq: '7', hash: 'a'.repeat(64), source: `${file} line 1`, at: '2026-01-01T00:00:00.000Z' }]);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"chainSeq":"7"', '"chainSeq":"5"'));
    expect(() => readAnchorFile(file, KEY)).toThrow(`line 1 of ${file} does not carry a valid MAC for DSAR_AUDIT_ANCHOR_KEY`);
    expect(readAnchorFile(file, undefined)).toMatchObject({ uncheckedMacs: 1 }); // without the key: read, and said
    expect(() => readAnchorFile(file, 'z'.repeat(40))).toThrow(/valid MAC/);
    writeFileSync(file, '{"chainSeq":"3"}\n');
    expect(() => readAnchorFile(file, undefined)).toThrow(`line 1 of ${file} is not an anchor`);
  });
});

describe('over the CLI', () => {
  it('anchor --out appends the verified head; verify --anchor-file names the tail the owner cut; anchor --out then refuses', async () => {
    const file = path.join(dir, 'cli.jsonl');
    const env = { DSAR_AUDIT_ANCHOR_KEY: KEY };
    await append(2);
    const anchored = runDsar(db.appUrl, ['audit', 'anchor', '--out', file], undefined, env);
    expect(anchored.stderr).toMatch(/^dsar: appended chain_seq \d+ \(\d+ events\) to .*, signed\n$/);
    expect(anchored.status).toBe(0);
    await append(2);
    expect(runDsar(db.appUrl, ['audit', 'anchor', '--out', file], undefined, env).status).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { chainSeq: string; events: number; mac: string });
    expect(lines).toHaveLength(2);
    const last = lines[1]!;
    expect(last).toMatchObject({ chainSeq: (await head()).chainSeq, hash: (await head()).hash, events: Number((await head()).chainSeq) });
    expect(last.mac).toMatch(/^[0-9a-f]{64}$/);

    const intact = runDsar(db.appUrl, ['audit', 'verify', '--anchor-file', file], undefined, env);
    expect(intact.stdout).toMatch(new RegExp(`^audit log intact: ${last.chainSeq} events, \\d+ anchors checked, 2 of them from ${file} \\(chain_seq ${last.chainSeq}, head hash`));
    expect(intact.status).toBe(0);

    await cutTail(Number(last.chainSeq));
    expect(runDsar(db.appUrl, ['audit', 'verify'], undefined, env).status).toBe(0); // the database alone cannot tell
    const cut = runDsar(db.appUrl, ['audit', 'verify', '--anchor-file', file], undefined, env);
    expect(cut.stderr).toContain(`dsar audit verify: FAILED (truncated): the log ends at chain_seq ${Number(last.chainSeq) - 1}, but an anchor recorded at`);
    expect(cut.stderr).toContain(`(${file} line 2) names chain_seq ${last.chainSeq}: events from chain_seq ${last.chainSeq} on were removed.`);
    expect(cut.status).toBe(1);

    // The daily job does not vouch for the cut chain: it fails the same way and appends nothing.
    const refused = runDsar(db.appUrl, ['audit', 'anchor', '--out', file], undefined, env);
    expect(refused.stderr).toContain('FAILED (truncated)');
    expect(refused.status).toBe(1);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);

    // A forged line (the owner lowering the file's last anchor to the new end) is refused with the key.
    const forged = readFileSync(file, 'utf8').replace(`"chainSeq":"${last.chainSeq}"`, `"chainSeq":"${Number(last.chainSeq) - 1}"`);
    writeFileSync(file, forged);
    const edited = runDsar(db.appUrl, ['audit', 'verify', '--anchor-file', file], undefined, env);
    expect(edited.stderr).toBe(`dsar audit verify: FAILED (anchor file): line 2 of ${file} does not carry a valid MAC for DSAR_AUDIT_ANCHOR_KEY: the line was edited, forged, or signed with another key.\n`);
    expect(edited.status).toBe(1);
  });
});
