import { Type, type Static } from '@sinclair/typebox';
import { CaseId, literalUnion } from '../cases/schemas';

const strict = { additionalProperties: false } as const;

export const TASK_STATUSES = ['pending', 'blocked', 'done', 'nothing_found', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const SystemParams = Type.Object({
  id: CaseId,
  systemId: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 100, description: 'The system\'s id in the registry (GET /api/v1/systems)' }),
}, strict);

export const ConfirmBody = Type.Object({
  method: Type.String({ format: 'free-text', minLength: 1, maxLength: 1000, description: 'How the data were destroyed there (Order 179 p.3 (з))' }),
  destroyedAt: Type.String({ format: 'date-time', description: 'When they were destroyed; not in the future' }),
  destroyedBy: Type.Object({
    name: Type.String({ format: 'person-name', minLength: 1, maxLength: 300 }),
    position: Type.String({ format: 'free-text', minLength: 1, maxLength: 300 }),
  }, { ...strict, description: 'Who destroyed them (Order 179 p.3 (г)): the act leaves a signature line for them' }),
  note: Type.Optional(Type.String({ format: 'free-text', minLength: 1, maxLength: 2000, description: 'For the audit trail' })),
  sheets: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Non-automated systems (paper): sheets destroyed (Order 179 p.3 (е))' })),
}, { ...strict, description: 'The owner\'s confirmation that the subject\'s data are destroyed in the system' });
export type ConfirmBody = Static<typeof ConfirmBody>;

export const DestructionTask = Type.Object({
  caseId: Type.String(),
  systemId: Type.String(),
  kind: literalUnion(['connector', 'manual'] as const, 'connector: the engine destroys; manual: the owner does and confirms'),
  status: literalUnion(TASK_STATUSES, 'pending, blocked (connector blocked the rows), done, nothing_found, failed (connector fault: the owner may confirm by hand), cancelled'),
  waitingForOwner: Type.Boolean({ description: 'The owner can confirm it now (POST …/confirm)' }),
  owner: Type.Object({ name: Type.Union([Type.String(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) }),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'End of the term destruction works to' }),
  rows: Type.Object({ found: Type.Union([Type.Integer(), Type.Null()]), blocked: Type.Union([Type.Integer(), Type.Null()]), erased: Type.Union([Type.Integer(), Type.Null()]) }),
  method: Type.Union([Type.String(), Type.Null()]),
  sheets: Type.Union([Type.Integer(), Type.Null()]),
  destroyedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  destroyedBy: Type.Union([Type.Object({ name: Type.String(), position: Type.String() }), Type.Null()]),
  confirmedBy: Type.Union([Type.String(), Type.Null()], { description: '`engine` for a connector, else who confirmed' }),
  fault: Type.Union([Type.String(), Type.Null()], { description: 'Why the connector failed for good (no row values)' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type DestructionTask = Static<typeof DestructionTask>;

export const CaseDestruction = Type.Object({
  caseId: Type.String(),
  state: literalUnion(['not_started', 'in_progress', 'finished', 'superseded'] as const,
    'not_started: the case has not reached destruction; in_progress: a system is not done; finished: every system is; superseded: an officer confirmed the whole case, or it was closed, first'),
  act: Type.Union([Type.String(), Type.Null()], { description: 'The Order 179 act issued when every system was done' }),
  tasks: Type.Array(DestructionTask),
});

export const TaskListQuery = Type.Object({
  status: Type.Optional(literalUnion(TASK_STATUSES, 'Only tasks in this status; default: every task not finished (pending, blocked, failed)')),
}, strict);
export const TaskList = Type.Object({ items: Type.Array(DestructionTask, { description: 'Oldest due first, at most 500' }) });
