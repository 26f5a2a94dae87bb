/**
 * What the API and the case workflow agree on: input, messages and their payloads. Kept free of I/O so
 * both the workflow bundle and the API can import it.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/case/case-status';
import type { Channel, RequestType } from '../domain/case/request-types';
import type { CaseAction } from '../domain/case/transitions';
import type { DeadlineResult } from '../domain/legal-time';

export interface Subject {
  name: string;
  email?: string;
}

/** Workflow input: everything known at intake. Encrypted in history by the payload codec. */
export interface CaseOpened {
  caseId: string;
  type: RequestType;
  channel: Channel;
  receivedAt: string;
  subject: Subject;
  /** The statutory term computed at intake; never recomputed, so a calendar update cannot change it. */
  deadline: DeadlineResult;
  openedBy: string;
  idempotencyKey?: string;
  /** When the person opened the case (the API received the request); `at` on the audit event is when it was recorded. */
  actedAt?: string;
}

export interface CaseState {
  caseId: string;
  status: CaseStatus;
  due: string;
  dueAt: string;
  transitions: number;
}

export interface ActionRequest {
  action: Exclude<CaseAction, 'escalate'>;
  actor: string;
  note?: string;
  /** The client's Idempotency-Key: recorded with the audit event so a repeated request is recognised. */
  requestId?: string;
  /** When the person acted (the API received the request), which may be long before a worker applies it. */
  actedAt?: string;
}

/** A permanent failure a case workflow met; recorded in `case_faults`, after which the workflow ends. */
export interface CaseFault {
  caseId: string;
  kind: 'invalid_input' | 'permanent_database_error' | 'workflow_error';
  message: string;
}

export const caseStateQuery = defineQuery<CaseState>('caseState');
export const caseActionUpdate = defineUpdate<CaseState, [ActionRequest]>('caseAction');
