import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { installHint, missingSystemPackages } from '../../platform/system-packages';
import { eventually } from './eventually';
import { freePort } from './free-port';

/**
 * A real dovecot (Debian's) on loopback with a throw-away configuration: one mailbox user, IMAP without TLS, LMTP
 * for delivery, a `Processed` folder. As root (CI) its login and internal processes run as dovecot's own users and
 * mail belongs to `nobody`; otherwise everything runs as the current user. Stopped and deleted by `stop()`.
 */
export async function startDovecot(opts: { user?: string; password?: string } = {}) {
  const missing = missingSystemPackages();
  if (missing.length) throw new Error(`dovecot is not installed; the e-mail intake tests need it. Run \`npm run setup\` as root or: ${installHint(missing)}`);
  const user = opts.user ?? 'wellpro@wellengineering.ru';
  const password = opts.password ?? 'test-mailbox-password';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dsar-dovecot-'));
  chmodSync(dir, 0o755); // dovecot's unprivileged processes must reach their sockets and the mail folder
  const [imapPort, lmtpPort] = [await freePort(), await freePort()];
  const root = process.getuid?.() === 0;
  const me = os.userInfo();
  const mailUid = root ? 65534 : me.uid;
  const mailGid = root ? 65534 : me.gid;
  for (const d of ['run', 'state', 'mail']) mkdirSync(path.join(dir, d));
  if (root) chownSync(path.join(dir, 'mail'), mailUid, mailGid);
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  const internal = root ? 'dovecot' : me.username;
  writeFileSync(path.join(dir, 'dovecot.conf'), `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_internal_group = ${root ? 'dovecot' : os.userInfo().username}
default_login_user = ${root ? 'dovenull' : me.username}
first_valid_uid = ${root ? 1 : me.uid}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
namespace inbox {
  inbox = yes
  mailbox Processed {
    auto = create
  }
}
`);
  const proc: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const log = () => { try { return readFileSync(path.join(dir, 'dovecot.log'), 'utf8'); } catch { return ''; } };
  await eventually(async () => log().includes('starting up'), 15_000).catch(() => {
    throw new Error(`dovecot did not start:\n${log()}`);
  });
  const lmtp = createTransport({ lmtp: true, host: '127.0.0.1', port: lmtpPort, ignoreTLS: true } as never);
  return {
    user, password, imapPort, lmtpPort, dir,
    imapUrl: `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${imapPort}/INBOX`,
    log,
    /** Delivers a raw message to the mailbox as the mail server would (LMTP). */
    deliver: (raw: Buffer | string, from = 'subject@example.ru') =>
      lmtp.sendMail({ envelope: { from, to: [user] }, raw }),
    async stop() {
      lmtp.close();
      proc.kill('SIGTERM');
      await new Promise((resolve) => { if (proc.exitCode !== null) resolve(undefined); else proc.once('exit', resolve); });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type Dovecot = Awaited<ReturnType<typeof startDovecot>>;
