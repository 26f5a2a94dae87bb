import type { Command } from 'commander';
import type pg from 'pg';
import { AnchorFileError, anchorKey, appendAnchor, readAnchorFile, type Anchor } from './audit-anchor-file';
import { anchorHead, verifyAuditChain, type Verification } from './audit-verify';
import { withPool } from './with-pool';

interface Deps {
  databaseUrl: () => string;
  /** Reports that PostgreSQL cannot be used and exits. */
  unreachable: (err: unknown) => never;
}

/** Exit code when the audit log is not intact (1, as any failed check; the message names the event). */
export const EXIT_BROKEN_CHAIN = 1;

/** `dsar audit verify|anchor`: checks and anchors the hash-chained audit log (docs/adr/011, 017). */
export function registerAuditCommands(program: Command, deps: Deps): void {
  const audit = program.command('audit').description('the hash-chained audit log');

  audit.command('verify')
    .description('recompute the hash chain and check every anchor; exit 1 naming the first tampered, missing or reordered event')
    .option('--anchor', 'when intact, also record an anchor at the current head')
    .option('--anchor-file <file>', 'also check the anchors of this file (written by `audit anchor --out`): the chain must still reach each')
    .action(({ anchor, anchorFile }: { anchor?: boolean; anchorFile?: string }) => {
      const external = anchorFile ? externalAnchors(anchorFile) : [];
      return withPool(deps, async (pool) => {
        const result = await verified(pool, external);
        if (!result) return;
        const head = result.head ? `chain_seq ${result.head.chainSeq}, head hash ${result.head.hash}` : 'empty log';
        const fromFile = anchorFile ? `, ${external.length} of them from ${anchorFile}` : '';
        process.stdout.write(`audit log intact: ${result.events} events, ${result.anchors} anchors checked${fromFile} (${head})\n`);
        if (anchor) {
          const anchored = await anchorHead(pool, 'verify --anchor');
          if (anchored) console.error(`dsar: anchored chain_seq ${anchored.chainSeq} (${anchored.hash})`);
        }
      }, { migrate: false }); // verify only reads: it must not change the database it checks
    });

  audit.command('anchor')
    .description('record an anchor at the current head, so removing events after it is detected')
    .option('--out <file>', 'after verifying the chain (and this file\'s anchors), also append the head to this JSON-lines file kept outside the database')
    .action(({ out }: { out?: string }) => {
      const key = out ? anchorKey() : undefined;
      const external = out ? externalAnchors(out, { mayBeMissing: true }) : [];
      return withPool(deps, async (pool) => {
        if (out) {
          // Anchoring a chain already cut or rewritten would vouch for it: check first, write nothing if broken.
          const result = await verified(pool, external);
          if (!result) return;
          if (!result.head) {
            console.error('dsar: the audit log is empty; nothing to anchor.');
            return;
          }
          const line = appendAnchor(out, { ...result.head, events: result.events, at: new Date().toISOString() }, key);
          console.error(`dsar: appended chain_seq ${line.chainSeq} (${result.events} events) to ${out}${line.mac ? ', signed' : ''}`);
        }
        const anchored = await anchorHead(pool, 'dsar audit anchor');
        if (!anchored) {
          console.error('dsar: the audit log is empty; nothing to anchor.');
          return;
        }
        process.stdout.write(`${JSON.stringify(anchored)}\n`);
      }, { migrate: false }); // anchoring writes only through audit_anchor(): no migration
    });
}

/** The chain checked against the database's anchors and `external`; undefined (exit 1, finding said) when broken. */
async function verified(pool: pg.Pool, external: Anchor[]): Promise<Extract<Verification, { ok: true }> | undefined> {
  const client = await pool.connect();
  let result: Verification;
  try {
    result = await verifyAuditChain(client, undefined, external);
  } finally {
    client.release();
  }
  if (result.ok) return result;
  console.error(`dsar audit verify: FAILED (${result.finding.kind}): ${result.finding.message}`);
  process.exitCode = EXIT_BROKEN_CHAIN;
  return undefined;
}

/** The anchor file's anchors; a damaged or forged file is a failed check (exit 1), said before the database is read. */
function externalAnchors(file: string, opts: { mayBeMissing?: boolean } = {}): Anchor[] {
  try {
    const { anchors, uncheckedMacs } = readAnchorFile(file, anchorKey());
    if (uncheckedMacs > 0) console.error(`dsar: ${uncheckedMacs} signed lines in ${file} not checked: DSAR_AUDIT_ANCHOR_KEY is not set`);
    return anchors;
  } catch (err) {
    if (opts.mayBeMissing && (err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    const message = err instanceof AnchorFileError ? err.message : `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`;
    console.error(`dsar audit verify: FAILED (anchor file): ${message}`);
    process.exit(EXIT_BROKEN_CHAIN);
  }
}
