import type pg from 'pg';
import type { ActSigner } from '../acts/signer';
import type { SystemsRegistry } from '../operator/systems-schema';
import { systemsRegistryFromEnv } from '../operator/systems';
import { openCasesAfter, recordCalendarReplanned, recordDueMoves, replanCaseTerms } from './calendar-replan';
import { recordFault } from './case-faults';
import { sendCaseLetter, type LetterDeps } from './case-letters';
import { recordCaseOpened, recordReminder, recordStep } from './case-projection';
import { issueDestructionAct } from './destruction-act';
import { connectorActivities } from './destruction-connector';
import {
  cancelDestructionTask, moveDestructionDue, openDestructionTask, planDestruction, recordSystemConfirmation, recordTaskFault,
} from './destruction-tasks';
import { planOverdueReminders, type ReminderContext } from './reminder-plans';
import { createRetentionActivities, DEFAULT_MINIMISE_AFTER_DAYS, type RetentionSettings } from '../retention/activities';
import { planStepTerms } from './step-terms';

/** What destruction in the operator's systems needs: the registry, connectors' environment, and the act's signer. */
export interface DestructionDeps {
  registry: SystemsRegistry;
  /** Where connectors read their connection strings (the worker's environment). */
  env: NodeJS.ProcessEnv;
  signer?: ActSigner;
}

/**
 * Activities are thin I/O. Built once in the worker with their dependencies (the pool), so tests can
 * run them against any database. Without `destruction`, the registry is DSAR_SYSTEMS_FILE's (or WellPRO's).
 */
export function createActivities(deps: {
  pool: pg.Pool; letters: LetterDeps; reminders: ReminderContext; retention?: RetentionSettings; destruction?: DestructionDeps;
}) {
  const destruction = deps.destruction ?? { registry: systemsRegistryFromEnv(process.env), env: process.env };
  return {
    recordCaseOpened: recordCaseOpened(deps.pool),
    recordStep: recordStep(deps.pool),
    recordReminder: recordReminder(deps.pool),
    recordFault: recordFault(deps.pool),
    sendCaseLetter: sendCaseLetter(deps.pool, deps.letters),
    planOverdueReminders: planOverdueReminders(deps.reminders),
    ...createRetentionActivities(deps.pool, deps.retention ?? { minimiseAfterDays: DEFAULT_MINIMISE_AFTER_DAYS, timeZone: deps.reminders.timeZone }),
    planStepTerms: planStepTerms(deps.reminders),
    replanCaseTerms: replanCaseTerms(deps.reminders),
    recordDueMoves: recordDueMoves(deps.pool),
    openCasesAfter: openCasesAfter(deps.pool),
    recordCalendarReplanned: recordCalendarReplanned(deps.pool),
    planDestruction: planDestruction(destruction.registry),
    openDestructionTask: openDestructionTask(deps.pool),
    moveDestructionDue: moveDestructionDue(deps.pool),
    recordSystemConfirmation: recordSystemConfirmation(deps.pool),
    recordTaskFault: recordTaskFault(deps.pool),
    cancelDestructionTask: cancelDestructionTask(deps.pool),
    ...connectorActivities(deps.pool, destruction),
    issueDestructionAct: issueDestructionAct(deps.pool, {
      registry: destruction.registry, operator: deps.letters.operator, signer: destruction.signer, timeZone: deps.letters.timeZone,
    }),
  };
}
