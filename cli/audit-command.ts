import type { Command } from 'commander';
import { anchorHead, verifyAuditChain } from './audit-verify';
import { withPool } from './with-pool';

interface Deps {
  databaseUrl: () => string;
  /** Reports that PostgreSQL cannot be used and exits. */
  unreachable: (err: unknown) => never;
}

/** Exit code when the audit log is not intact (1, as any failed check; the message names the event). */
export const EXIT_BROKEN_CHAIN = 1;

/** `dsar audit verify|anchor`: checks and anchors the hash-chained audit log (docs/adr/011). */
export function registerAuditCommands(program: Command, deps: Deps): void {
  const audit = program.command('audit').description('the hash-chained audit log');

  audit.command('verify')
    .description('recompute the hash chain and check every anchor; exit 1 naming the first tampered, missing or reordered event')
    .option('--anchor', 'when intact, also record an anchor at the current head')
    .action(({ anchor }: { anchor?: boolean }) => withPool(deps, async (pool) => {
      const client = await pool.connect();
      let result;
      try {
        result = await verifyAuditChain(client);
      } finally {
        client.release();
      }
      if (!result.ok) {
        console.error(`dsar audit verify: FAILED (${result.finding.kind}): ${result.finding.message}`);
        process.exitCode = EXIT_BROKEN_CHAIN;
        return;
      }
      const head = result.head ? `chain_seq ${result.head.chainSeq}, head hash ${result.head.hash}` : 'empty log';
      process.stdout.write(`audit log intact: ${result.events} events, ${result.anchors} anchors checked (${head})\n`);
      if (anchor) {
        const anchored = await anchorHead(pool, 'verify --anchor');
        if (anchored) console.error(`dsar: anchored chain_seq ${anchored.chainSeq} (${anchored.hash})`);
      }
    }, { migrate: false })); // verify only reads: it must not change the database it checks

  audit.command('anchor')
    .description('record an anchor at the current head, so removing events after it is detected')
    .action(() => withPool(deps, async (pool) => {
      const anchored = await anchorHead(pool, 'dsar audit anchor');
      if (!anchored) {
        console.error('dsar: the audit log is empty; nothing to anchor.');
        return;
      }
      process.stdout.write(`${JSON.stringify(anchored)}\n`);
    }, { migrate: false })); // verify only reads: it must not change the database it checks
}
