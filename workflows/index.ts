// The workflow bundle's entry point: only workflow functions are exported from here.
export { caseWorkflow } from './case-workflow';
export { retentionWorkflow } from './retention-workflow';
export { systemDestructionWorkflow } from './system-destruction-workflow';
export { calendarReplanWorkflow } from './calendar-replan-workflow';
