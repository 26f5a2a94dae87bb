import path from 'node:path';
import { DEV_DATABASE_PORT, devDatabaseUrl, port } from './config';
import { projectRoot } from './tools';

/**
 * Where `npm start` runs the engine on this machine. `npm start` (scripts/start.ts) and `npx dsar` (cli/dsar.ts)
 * both read it, so a CLI command in a shell with the same settings finds the database the engine uses and prints
 * the URL it serves — also when two engines run side by side on other ports.
 */
export interface LocalEngine {
  /** DSAR_DATA_DIR (default `.data` in the project): embedded PostgreSQL, the Temporal dev server's file, the payload key. */
  dataDir: string;
  /** DATABASE_URL, else the embedded PostgreSQL's on DSAR_PG_PORT. */
  databaseUrl: string;
  /** Who applies migrations (`npx dsar migrate`, `npm start`): DATABASE_OWNER_URL, else `databaseUrl` (ADR 017). */
  ownerDatabaseUrl: string;
  /** The embedded PostgreSQL's port (DSAR_PG_PORT); `undefined` with DATABASE_URL, when `npm start` starts none. */
  embeddedPgPort?: number;
  /** The Temporal dev server's gRPC port (TEMPORAL_PORT) and Web UI port (TEMPORAL_UI_PORT). */
  temporalPort: number;
  temporalUiPort: number;
  /** Where the API and the console answer: `http://HOST:PORT` (a wildcard HOST is reached on loopback). */
  baseUrl: string;
}

export const DEFAULT_TEMPORAL_PORT = 7233;
export const DEFAULT_TEMPORAL_UI_PORT = 8233;
export const DEFAULT_API_PORT = 3000;

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export function localEngine(env: NodeJS.ProcessEnv = process.env): LocalEngine {
  const pgPort = port(env, 'DSAR_PG_PORT', DEV_DATABASE_PORT);
  const host = env.HOST || '127.0.0.1';
  const shownHost = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    dataDir: path.resolve(projectRoot, env.DSAR_DATA_DIR || '.data'),
    databaseUrl: env.DATABASE_URL || devDatabaseUrl(env),
    ownerDatabaseUrl: env.DATABASE_OWNER_URL || env.DATABASE_URL || devDatabaseUrl(env),
    embeddedPgPort: env.DATABASE_URL ? undefined : pgPort,
    temporalPort: port(env, 'TEMPORAL_PORT', DEFAULT_TEMPORAL_PORT),
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', DEFAULT_TEMPORAL_UI_PORT),
    baseUrl: `http://${shownHost}:${port(env, 'PORT', DEFAULT_API_PORT)}`,
  };
}
