import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { Gauge, type Registry } from 'prom-client';
import { CASE_STATUSES } from '../../../domain/case/case-status';
import { CASE_TYPES } from '../../../domain/case/request-types';
import type { TemporalConfig } from '../../../platform/config';
import { workerAlive } from '../../../platform/worker-presence';
import { calendarStatusNow } from '../../../calendar/status-now';
import { countPendingOpenings } from '../../../opening/opening-store';
import type { LegalTime } from '../../../platform/legal-time-config';

export interface GaugeSources {
  pg: pg.Pool;
  temporal: Client;
  temporalConfig: TemporalConfig;
  workerSeenWithinMs: number;
  log: FastifyBaseLogger;
  legalTime: LegalTime;
}

/**
 * Gauges computed at scrape time from the read model and Temporal, so they are as fresh as the scrape
 * and cost nothing between scrapes. A source that does not answer makes its gauges unknown for this
 * scrape (NaN; labelled series absent) instead of failing the whole scrape, whose HTTP metrics still
 * matter; a 0 would claim "no overdue cases" or "no worker" when nobody could tell.
 */
export function registerEngineGauges(registry: Registry, src: GaugeSources): void {
  const guarded = (name: string, collect: () => Promise<void>, unknown: () => void) => async () => {
    try {
      await collect();
    } catch (err) {
      unknown();
      src.log.warn({ err, metric: name }, 'metric not collected');
    }
  };

  const cases: Gauge<'status' | 'type'> = new Gauge({
    name: 'dsar_cases', help: 'Cases by status and request type', labelNames: ['status', 'type'], registers: [registry],
    collect: guarded('dsar_cases', async () => {
      const { rows } = await src.pg.query<{ status: string; type: string; n: number }>(
        'SELECT status, type, count(*)::int AS n FROM cases GROUP BY status, type');
      // Every combination, zeros included: a series that appears only once non-zero breaks rate() and alerts.
      for (const status of CASE_STATUSES) for (const type of CASE_TYPES) cases.set({ status, type }, 0);
      for (const r of rows) cases.set({ status: r.status, type: r.type }, r.n);
    }, () => cases.reset()),
  });

  const count = async (where: string) =>
    (await src.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE ${where}`)).rows[0]!.n;
  const overdue: Gauge = new Gauge({
    name: 'dsar_cases_overdue', help: 'Cases whose term ended unanswered (status overdue)', registers: [registry],
    collect: guarded('dsar_cases_overdue', async () => overdue.set(await count("status = 'overdue'")), () => overdue.set(NaN)),
  });
  // Should stay 0: the workflow escalates at dueAt. Non-zero means a case's workflow is not moving.
  const unescalated: Gauge = new Gauge({
    name: 'dsar_cases_due_passed_not_escalated', help: 'Cases still "received" although their term has ended (escalation pending)',
    registers: [registry],
    collect: guarded('dsar_cases_due_passed_not_escalated', async () => unescalated.set(await count("status = 'received' AND due_at <= now()")),
      () => unescalated.set(NaN)),
  });

  const faults: Gauge = new Gauge({
    name: 'dsar_case_faults_open', help: 'Unresolved case faults (case_faults rows without resolved_at)', registers: [registry],
    collect: guarded('dsar_case_faults_open', async () => {
      // The table arrives with a later migration; until then there are no faults to count.
      const { rows: [table] } = await src.pg.query<{ present: boolean }>("SELECT to_regclass('case_faults') IS NOT NULL AS present");
      if (!table?.present) {
        faults.set(0);
        return;
      }
      const { rows } = await src.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM case_faults WHERE resolved_at IS NULL');
      faults.set(rows[0]!.n);
    }, () => faults.set(NaN)),
  });

  // Should stay 0: each one is a letter the server may or may not have, waiting for an officer (ADR 008).
  const unconfirmed: Gauge = new Gauge({
    name: 'dsar_letters_unconfirmed', help: 'Letters whose send attempt never recorded an outcome; check the mail log, then `npx dsar letters resend <id>`',
    registers: [registry],
    collect: guarded('dsar_letters_unconfirmed', async () => {
      const { rows } = await src.pg.query<{ n: number }>("SELECT count(*)::int AS n FROM letters WHERE status = 'unconfirmed'");
      unconfirmed.set(rows[0]!.n);
    }, () => unconfirmed.set(NaN)),
  });

  // Should return to 0 once Temporal answers: accepted requests whose case workflow has not started (docs/adr/016).
  const openings: Gauge = new Gauge({
    name: 'dsar_openings_pending', help: 'Accepted requests recorded with their case number whose workflow has not started yet (GET /api/v1/openings)',
    registers: [registry],
    collect: guarded('dsar_openings_pending', async () => openings.set(await countPendingOpenings(src.pg)), () => openings.set(NaN)),
  });

  const worker: Gauge = new Gauge({
    name: 'dsar_worker_present', help: '1 when a worker polls the case task queue (workflow and activity tasks), else 0',
    registers: [registry],
    collect: guarded('dsar_worker_present', async () => {
      const { namespace, taskQueue } = src.temporalConfig;
      worker.set((await workerAlive(src.temporal, src.pg, namespace, taskQueue, src.workerSeenWithinMs)) ? 1 : 0);
    }, () => worker.set(NaN)),
  });
  // Alert on it (e.g. `dsar_calendar_official_days_left <= 90`): past that day new terms are counted on a
  // projection or the statutory base until the next decree is imported (`dsar calendar import`). NaN: no official year.
  const calendarDays: Gauge = new Gauge({
    name: 'dsar_calendar_official_days_left', help: 'Days until the last official (decree) production-calendar year ends; negative once it has',
    registers: [registry],
    collect() { calendarDays.set(calendarStatusNow(src.legalTime).daysLeft ?? NaN); },
  });
  const calendarWarning: Gauge = new Gauge({
    name: 'dsar_calendar_warning', help: '1 within 90 days of the end of the last official production-calendar year (or after it), else 0',
    registers: [registry],
    collect() { calendarWarning.set(calendarStatusNow(src.legalTime).warning ? 1 : 0); },
  });
}
