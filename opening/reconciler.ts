/**
 * Starts the openings that were accepted while Temporal was away (docs/adr/016). Each API process runs one loop;
 * claims are leases taken with SKIP LOCKED (opening/opening-store.ts), so several processes share the work without
 * starting one opening at the same moment, and a start repeated anyway is a no-op (workflow id = case number).
 */
import type { Logger } from 'pino';
import type { CaseOpeningDeps } from './opening-input';
import { claimDue, markNotStarted } from './opening-store';
import { startOpening } from './open';
import { temporalUnavailable } from './temporal-unavailable';

const BATCH = 20;

export interface OpeningReconciler {
  stop(): Promise<void>;
}

/** One pass: the openings due now, started together. Counts what started and what is still waiting. */
export async function reconcileOpenings(deps: CaseOpeningDeps, log: Pick<Logger, 'warn'>): Promise<{ started: number; waiting: number }> {
  const due = await claimDue(deps.pg, BATCH);
  const outcomes = await Promise.all(due.map(async (o) => {
    try {
      return await startOpening(deps, o);
    } catch (err) {
      // Not Temporal being away (that is 'pending'): say which case, never the request's content.
      const error = temporalUnavailable(err) ?? `${(err as { code?: string }).code ?? (err as Error).name}: the start failed`;
      log.warn({ caseId: o.caseId, error }, 'a recorded opening could not start; it is tried again later');
      await markNotStarted(deps.pg, o.caseId, error).catch(() => undefined);
      return 'pending' as const;
    }
  }));
  const started = outcomes.filter((s) => s === 'started').length;
  return { started, waiting: outcomes.length - started };
}

export function startOpeningReconciler(deps: CaseOpeningDeps, everyMs: number, log: Pick<Logger, 'info' | 'warn'>): OpeningReconciler {
  let stopped = false;
  let wake: () => void = () => undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        const { started, waiting } = await reconcileOpenings(deps, log);
        if (started || waiting) log.info({ started, waiting }, 'recorded openings started by the reconciler');
      } catch (err) {
        log.warn({ err: { message: (err as Error).message } }, 'opening reconciler pass failed; trying again');
      }
      await new Promise<void>((resolve) => { const t = setTimeout(resolve, everyMs); wake = () => { clearTimeout(t); resolve(); }; });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
