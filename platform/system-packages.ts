import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Debian packages the tests need beside npm's: a real IMAP/LMTP server (dovecot) for e-mail intake,
 * pdftotext (poppler-utils) to read destruction acts back, faketime to run tests with the clock ahead. Installed by
 * `npm install` (scripts/setup.ts) when the machine runs as root with apt-get (CI and every machine here);
 * elsewhere the README says what to install by hand, and the tests that need them say so loudly.
 */
export const SYSTEM_PACKAGES = [
  { pkg: 'dovecot-imapd', provides: '/usr/sbin/dovecot', for: 'e-mail intake tests (IMAP)' },
  { pkg: 'dovecot-lmtpd', provides: '/usr/lib/dovecot/lmtp', for: 'e-mail intake tests (delivery over LMTP)' },
  { pkg: 'poppler-utils', provides: '/usr/bin/pdftotext', for: 'destruction act tests (reading the PDF back)' },
  { pkg: 'chromium', provides: '/usr/bin/chromium', for: 'web console browser tests (playwright-core drives it)' },
  { pkg: 'faketime', provides: '/usr/bin/faketime', for: 'the ageing check: unit and workflow tests with the clock 400 days ahead (.ci/run)' },
] as const;

export const missingSystemPackages = () => SYSTEM_PACKAGES.filter((p) => !existsSync(p.provides));

/** The install command for what is missing, for the README and error messages. */
export const installHint = (missing = missingSystemPackages()) => `sudo apt-get install -y ${missing.map((p) => p.pkg).join(' ')}`;

/** Installs missing packages with apt-get when running as root; otherwise tells what to install. Never throws. */
export function ensureSystemPackages(log = (m: string) => console.error(m)): void {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || spawnSync('apt-get', ['--version']).status !== 0) {
    log(`dsar setup: not installed: ${missing.map((p) => `${p.pkg} (${p.for})`).join(', ')}.\n  Install them with: ${installHint(missing)}`);
    return;
  }
  log(`dsar setup: installing ${missing.map((p) => p.pkg).join(', ')} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
  if (!run(['update', '-qq']) || !run(['install', '-y', '-qq', '--no-install-recommends', ...missing.map((p) => p.pkg)])) {
    log(`dsar setup: apt-get could not install them; install by hand: ${installHint(missing)}`);
  }
}
