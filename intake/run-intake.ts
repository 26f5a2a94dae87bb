/**
 * The e-mail intake process: one consumer per mailbox, by a PostgreSQL advisory lock held on a dedicated
 * connection (docs/adr/010). A second process waits on standby; if the lock's connection is lost the process
 * exits at once (another may take the lock) and its supervisor starts it again.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config, ImapSettings } from '../platform/config';
import { createPool } from '../platform/db';
import { loadLegalTime } from '../platform/legal-time-config';
import { connectClient } from '../platform/temporal';
import type { MessageClassifier } from './classifier';
import { mailboxKey, saveState } from './cursor-store';
import { startImapIntake } from './imap-intake';
import { mailTrustOf } from './mail-trust';

const STANDBY_RETRY_MS = 5_000;

/** Holds the mailbox's lock until the process ends; resolves once it is held. */
async function lockMailbox(databaseUrl: string, mailbox: string, log: Logger, stopped: () => boolean): Promise<pg.Client | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', (err) => {
    log.error({ err: { message: err.message } }, 'lost the connection holding the mailbox lock; exiting so that one consumer is ever running');
    process.exit(1);
  });
  await client.connect();
  for (let said = false; !stopped(); said = true) {
    const { rows } = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS held', [`dsar-intake:${mailbox}`]);
    if (rows[0]?.held) return client;
    if (!said) log.info('another intake process reads this mailbox; standing by');
    await new Promise((r) => setTimeout(r, STANDBY_RETRY_MS));
  }
  await client.end();
  return undefined;
}

/** Starts the intake: it reads the mailbox once it holds the lock (at once, or when the other process lets go). */
export async function runIntake(config: Config & { imap: ImapSettings }, classify: MessageClassifier, log: Logger) {
  const mailbox = mailboxKey(config.imap);
  const pool = createPool(config.databaseUrl, 10);
  const temporal = await connectClient(config.temporal, config.payloadKey);
  let stopping = false;
  await saveState(pool, mailbox, 'connecting');
  const deps = { pg: pool, temporal, config, legalTime: loadLegalTime(config), classify, mailTrust: mailTrustOf(config) };
  const started = lockMailbox(config.databaseUrl, mailbox, log, () => stopping)
    .then((lock) => lock && { lock, intake: startImapIntake(config.imap, deps, log) });
  return {
    /** Resolves when this process reads the mailbox (holds its lock). */
    reading: started.then((s) => !!s),
    async stop() {
      stopping = true;
      const s = await started.catch(() => undefined);
      await s?.intake.stop();
      await s?.lock.end();
      await temporal.connection.close();
      await pool.end();
    },
  };
}
