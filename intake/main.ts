/**
 * `npm run intake`: the e-mail intake process (started by `npm start` when IMAP_URL is set). Reads the operator's
 * mailbox and opens a case for every request (docs/adr/010).
 */
import { loadConfig, ConfigError, EXIT_CONFIG } from '../platform/config';
import { createLogger } from '../platform/logger';
import { refusePrivilegedLogin } from '../platform/db-privilege';
import { classifyMessage, type MessageClassifier } from './classifier';
import { runIntake } from './run-intake';

export async function main(classify: MessageClassifier = classifyMessage): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, { pretty: config.logPretty });
  const { imap } = config;
  if (!imap) throw new ConfigError('IMAP_URL is not set: e-mail intake needs the mailbox to read (see the README, "E-mail intake").');
  await refusePrivilegedLogin(config.databaseUrl, (m) => log.warn(m)); // ADR 017: exit 78 for a superuser or owner login
  const intake = await runIntake({ ...config, imap }, classify, log);
  intake.reading.catch((err: unknown) => {
    log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'e-mail intake could not take the mailbox lock');
    process.exit(1);
  });
  const stop = () => {
    log.info('e-mail intake stopping');
    intake.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`dsar intake: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof ConfigError ? EXIT_CONFIG : 1);
  });
}
