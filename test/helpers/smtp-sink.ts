import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';

/**
 * A real SMTP server on loopback that keeps what it receives, parsed as a mail client would read it.
 * Recipients starting with `refuse` are refused with 550, as a mailbox that does not exist; recipients starting with
 * `greylist` are refused with 451 the first time they are tried, as a greylisting server does, and accepted after.
 */
export interface SinkOptions {
  /**
   * Runs once the server holds a message's DATA, before it replies 250: e.g. SIGKILL the sender here, and the
   * server has the letter while the sender never heard that it was accepted.
   */
  beforeReply?: (message: ReceivedMail) => void | Promise<void>;
}
export interface ReceivedMail { raw: string; mail: Email; rcpt: string[] }

export async function startSmtpSink(port?: number, options: SinkOptions = {}) {
  const received: ReceivedMail[] = [];
  const listenPort = port ?? (await freePort());
  const greylisted = new Set<string>();
  const server = new SMTPServer({
    secure: false, authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refuse')) {
        return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: no such mailbox`), { responseCode: 550 }));
      }
      if (address.address.startsWith('greylist') && !greylisted.has(address.address)) {
        greylisted.add(address.address);
        return callback(Object.assign(new Error('4.7.1 Greylisted, please try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        PostalMime.parse(raw).then(async (mail) => {
          const message = { raw, mail, rcpt: session.envelope.rcptTo.map((r) => r.address) };
          received.push(message);
          await options.beforeReply?.(message);
          callback();
        }).catch(callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  return {
    port: listenPort,
    url: `smtp://127.0.0.1:${listenPort}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
