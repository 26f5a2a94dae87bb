import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { supervise, type SupervisorOptions } from '../../../platform/supervisor';

const child = path.resolve(__dirname, '../../fixtures/supervisor/child.cjs');

function harness(env: Record<string, string>, opts: Partial<SupervisorOptions> = {}) {
  const startsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'dsar-sup-')), 'starts');
  const messages: string[] = [];
  let gaveUp = 0;
  const supervised = supervise({
    name: 'api', say: (m) => messages.push(m), onGiveUp: () => { gaveUp += 1; },
    start: () => spawn(process.execPath, [child], { env: { ...process.env, ...env, STARTS_FILE: startsFile }, stdio: 'ignore' }),
    initialDelayMs: 20, maxDelayMs: 80, stableAfterMs: 60_000, maxCrashes: 5, crashWindowMs: 60_000, ...opts,
  });
  const starts = () => { try { return readFileSync(startsFile, 'utf8').trim().split('\n').length; } catch { return 0; } };
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 300 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(cond()).toBe(true);
  };
  return { supervised, messages, starts, until, gaveUp: () => gaveUp };
}

const delays = (messages: string[]) => messages.map((m) => /restarting in ([\d.]+) s/.exec(m)?.[1]).filter(Boolean);

describe('npm start supervision', () => {
  it('restarts a crashed child with doubling delays, capped, and keeps it once it stays up', async () => {
    const h = harness({ CRASHES: '4' });
    await h.until(() => h.starts() === 5 && h.supervised.child !== undefined);
    expect(delays(h.messages)).toEqual(['0.02', '0.04', '0.08', '0.08']); // doubling, capped at maxDelayMs
    expect(h.messages[0]).toMatch(/^api exited unexpectedly \(code 1\); restarting in .* \(crash 1 of 5 allowed/);
    expect(h.gaveUp()).toBe(0);
    const running = h.supervised.child!;
    await h.supervised.stop();
    expect(running.signalCode).toBe('SIGTERM');
    expect(h.starts()).toBe(5); // stopping is not a crash: no restart
  });

  it('gives up loudly after too many crashes within the window', async () => {
    const h = harness({}, { maxCrashes: 3 });
    await h.until(() => h.gaveUp() === 1);
    expect(h.starts()).toBe(3);
    expect(h.messages.at(-1)).toMatch(/api crashed 3 times within .*; giving up\./);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.starts()).toBe(3); // nothing restarted after giving up
    await h.supervised.stop();
  });

  it('does not restart a child that refused its configuration: one start, one message, given up at once', async () => {
    const h = harness({ EXIT_CODE: '78' }, { giveUpOnExitCode: 78 });
    await h.until(() => h.gaveUp() === 1);
    expect(h.messages).toEqual(['api refused its configuration (message above); not restarting.']);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.starts()).toBe(1);
    await h.supervised.stop();
  });

  it('starts again from the first delay after the child stayed up a while', async () => {
    const h = harness({ LIFE_MS: '120', CRASHES: '4' }, { stableAfterMs: 100, maxDelayMs: 10_000, maxCrashes: 10 });
    await h.until(() => h.starts() === 5);
    expect(delays(h.messages)).toEqual(['0.02', '0.02', '0.02', '0.02']); // never doubled
    await h.supervised.stop();
  });
});
