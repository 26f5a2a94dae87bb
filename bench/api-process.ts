/**
 * The API as production runs it, in its own process so the load generator does not share its event
 * loop: configuration from the environment (as `npm run api`), `app.listen` on port 0, and the chosen
 * port reported to the parent over IPC. Started and stopped by bench/harness.ts.
 */
import { buildApp } from '../api/app';
import { loadConfig } from '../platform/config';

async function main(): Promise<void> {
  const app = await buildApp(loadConfig());
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the API is not listening on a TCP port');
  process.send?.({ port: address.port });
}

main().catch((err) => {
  console.error(`bench api: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
