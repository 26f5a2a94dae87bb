import { ConfigError, EXIT_CONFIG, loadConfig } from '../platform/config';
import { migrate } from '../platform/db';
import { refusePrivilegedLogin } from '../platform/db-privilege';
import { buildApp } from './app';

/** Production entry point (`npm run api`): only starts and stops the app. */
async function main() {
  const config = loadConfig();
  // A login that could SET ROLE back to the owner must not serve requests (ADR 017): exit 78 before anything else.
  await refusePrivilegedLogin(config.databaseUrl, (m) => console.error(`dsar api: warning: ${m}`));
  await migrate(config.databaseUrl);
  const app = await buildApp(config);
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ host: config.host, port: config.port });
}

main().catch((err) => {
  console.error(`dsar api: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof ConfigError ? EXIT_CONFIG : 1);
});
