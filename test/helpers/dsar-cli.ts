import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Runs `dsar …` exactly as `npx dsar` does (the package's bin), against the given database. */
export const runDsar = (databaseUrl: string, args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(root, 'bin/dsar.cjs'), ...args], {
    cwd: root, input, encoding: 'utf8', env: { ...process.env, DATABASE_URL: databaseUrl },
  });
