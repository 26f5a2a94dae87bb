/**
 * The bare limit's worker: the production worker's settings (connection, namespace, payload codec, workflow
 * cache) running only bench/bare-workflows.ts, no activities. Started by bench/worker-process.ts like
 * worker/main.ts, and stopped the same way (SIGTERM: the SDK drains and run() resolves).
 */
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { connectionOptions, dataConverter } from '../platform/temporal';

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect(connectionOptions(config.temporal));
  const worker = await Worker.create({
    connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue,
    workflowsPath: path.join(__dirname, 'bare-workflows.ts'),
    dataConverter: dataConverter(config.payloadKey), maxCachedWorkflows: config.workerMaxCachedWorkflows,
  });
  // The line bench/worker-process.ts waits for, as worker/main.ts logs it.
  console.log(JSON.stringify({ msg: 'worker started', taskQueue: config.temporal.taskQueue }));
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(`bench bare worker: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
