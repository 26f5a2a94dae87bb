/**
 * The IMAP consumer: reads the mailbox folder with IDLE plus a periodic poll, takes every message in
 * (intake/take-in.ts), advances the durable cursor, then moves the message to the Processed folder. It runs
 * only while its process holds the mailbox's advisory lock (intake/run-intake.ts, docs/adr/010). A lost
 * connection is retried with backoff, and said so in the log — never with the password or an address.
 */
import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { ImapSettings } from '../platform/config';
import { mailboxKey, readCursor, saveCursor, saveState, type Cursor } from './cursor-store';
import { takeInMessage, type IntakeDeps } from './take-in';

/** Messages fetched and taken in together: enough to keep Temporal and PostgreSQL busy, little memory. */
const CHUNK = 20;
const MAX_BACKOFF_MS = 30_000;
const IDLE_AFTER_MS = 1_000;

export interface ImapIntake {
  stop(): Promise<void>;
}

/** Error text without the password or any e-mail address in it. */
export function scrub(err: unknown, password: string): string {
  const text = err instanceof Error ? `${err.message}${(err as { responseText?: string }).responseText ? `: ${(err as { responseText?: string }).responseText}` : ''}` : String(err);
  return text.split(password).join('***').replace(/[^\s@<>"']+@[^\s@<>"']+/g, '<address>').slice(0, 500);
}

export function startImapIntake(imap: ImapSettings, deps: IntakeDeps, log: Logger): ImapIntake {
  const mailbox = mailboxKey(imap);
  const where = { folder: imap.folder };
  let stopped = false;
  let client: ImapFlow | undefined;
  let wakeSleep: () => void = () => undefined;

  const session = async () => {
    client = new ImapFlow({
      host: imap.host, port: imap.port, secure: imap.secure, auth: { user: imap.user, pass: imap.password },
      tls: { rejectUnauthorized: imap.rejectUnauthorized }, logger: false,
      // IDLE one second after the last command (imapflow waits 15 s by default): a letter arriving just after a
      // drain is seen at once, which the 5-second promise from arrival to case needs.
      autoIdleDelay: IDLE_AFTER_MS,
    });
    const closed = new Promise<void>((resolve) => { client!.once('close', () => resolve()); });
    client.on('error', () => undefined); // surfaced by `close` and failed commands
    await client.connect();
    await ensureFolder(client, imap.processedFolder, log);
    await client.mailboxOpen(imap.folder);
    const uidvalidity = Number(client.mailbox && client.mailbox.uidValidity);
    let cursor = await readCursor(deps.pg, mailbox);
    if (cursor.uidvalidity !== null && cursor.uidvalidity !== uidvalidity) {
      // New UIDs for every message: re-scan from the start; the raw hash keeps each message taken in once.
      log.warn({ ...where, uidvalidity, previous: cursor.uidvalidity }, 'UIDVALIDITY changed: re-scanning the folder');
      cursor = { uidvalidity, lastUid: 0 };
    }
    cursor.uidvalidity = uidvalidity;
    await saveState(deps.pg, mailbox, 'ok');
    log.info({ ...where }, 'e-mail intake connected');
    const drainer = serialDrain(() => drain(client!, cursor as Required<Cursor> & { uidvalidity: number }), () => client!.close());
    client.on('exists', drainer.wake);
    const poll = setInterval(drainer.wake, imap.pollIntervalMs);
    drainer.wake();
    try {
      await closed;
    } finally {
      clearInterval(poll);
      await drainer.settled();
    }
    if (drainer.error) throw drainer.error;
    if (!stopped) throw new Error('the IMAP server closed the connection');
  };

  /** Takes in every message in the folder, oldest first, and moves it to the Processed folder. */
  const drain = async (c: ImapFlow, cursor: { uidvalidity: number; lastUid: number }) => {
    for (;;) {
      const uids = ((await c.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
      // Taken in before a crash that came before the move: only the move is left to do.
      const done = uids.filter((u) => u <= cursor.lastUid);
      if (done.length) await move(c, done, imap.processedFolder);
      const todo = uids.filter((u) => u > cursor.lastUid).slice(0, CHUNK);
      if (!todo.length) break;
      const fetched: Array<{ uid: number; source: Buffer; internalDate: Date }> = [];
      for await (const m of c.fetch(todo.join(','), { uid: true, source: true, internalDate: true }, { uid: true })) {
        fetched.push({ uid: m.uid, source: m.source as Buffer, internalDate: new Date(m.internalDate as Date | string) });
      }
      await Promise.all(fetched.map((m) => takeInMessage(deps, m.source, {
        kind: 'imap', mailbox, uidvalidity: cursor.uidvalidity, uid: m.uid, receivedAt: m.internalDate,
      })));
      cursor.lastUid = Math.max(...todo);
      await saveCursor(deps.pg, mailbox, cursor);
      await move(c, todo, imap.processedFolder);
    }
    await saveState(deps.pg, mailbox, 'ok'); // the heartbeat /health reads
  };

  const loop = async () => {
    for (let attempt = 0; !stopped; attempt += 1) {
      try {
        await session();
        attempt = 0;
      } catch (err) {
        if (stopped) break;
        const delayMs = Math.min(1000 * 2 ** Math.min(attempt, 5), MAX_BACKOFF_MS);
        const error = scrub(err, imap.password);
        log.warn({ ...where, attempt: attempt + 1, delayMs, error }, 'e-mail intake lost the mailbox; reconnecting');
        await saveState(deps.pg, mailbox, 'connecting', error).catch(() => undefined);
        await new Promise<void>((resolve) => { const t = setTimeout(resolve, delayMs); wakeSleep = () => { clearTimeout(t); resolve(); }; });
      }
    }
  };
  const running = loop();

  return {
    async stop() {
      stopped = true;
      wakeSleep();
      await client?.logout().catch(() => client?.close());
      await running;
      await saveState(deps.pg, mailbox, 'down').catch(() => undefined);
    },
  };
}

/**
 * The Processed folder is created when missing: a mistyped or never-created folder would otherwise leave every
 * message in the inbox (the cases are opened all the same) with nothing said anywhere.
 */
async function ensureFolder(c: ImapFlow, folder: string, log: Logger): Promise<void> {
  const folders = await c.list();
  if (folders.some((f) => f.path === folder)) return;
  await c.mailboxCreate(folder);
  log.info({ folder }, 'created the folder taken-in messages are moved to');
}

/** imapflow answers a refused MOVE with `false`: a failure here must reconnect and show on /health, not pass unseen. */
async function move(c: ImapFlow, uids: number[], folder: string): Promise<void> {
  if (!(await c.messageMove(uids.join(','), folder, { uid: true }))) {
    throw new Error(`the server refused to move ${uids.length} taken-in message(s) to the folder "${folder}"`);
  }
}

/** One drain at a time; a wake during a drain runs one more. A failing drain closes the connection (reconnect). */
function serialDrain(drain: () => Promise<void>, onError: () => void) {
  let running: Promise<void> | undefined;
  let again = false;
  const state = { error: undefined as unknown };
  const wake = () => {
    if (running) { again = true; return; }
    running = (async () => {
      do { again = false; await drain(); } while (again);
    })().catch((err: unknown) => { state.error = err; onError(); }).finally(() => { running = undefined; });
  };
  return { wake, settled: async () => { await running; }, get error() { return state.error; } };
}
