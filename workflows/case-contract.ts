/**
 * What the API and the case workflow agree on: input, messages and their payloads. Kept free of I/O so
 * both the workflow bundle and the API can import it.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/case/case-status';
import type { TermStatus } from '../domain/case/decide';
import type { Finding, OfficerAction, Step, TermKey } from '../domain/case/legal-paths';
import type { CaseType, Channel, RequestType } from '../domain/case/request-types';
import type { DeletionGround } from '../domain/case/legal-paths';
import type { PathFacts } from '../domain/case/answer-letter';
import type { CaseTerm } from '../domain/case/terms';
import type { DeadlineResult } from '../domain/legal-time/compute-deadline';
import type { RuleId } from '../domain/legal-time/rules';

export interface Subject {
  name: string;
  email?: string;
}

export type { CaseTerm } from '../domain/case/terms';

/** Workflow input: everything known at intake. Encrypted in history by the payload codec. */
export interface CaseOpened {
  caseId: string;
  /** `unclassified`: e-mail intake could not tell which request it is; the case waits in `triage`. */
  type: CaseType;
  channel: Channel;
  receivedAt: string;
  subject: Subject;
  /** The first opening term's computation, as recorded on the case row; never recomputed. */
  deadline: DeadlineResult;
  /** Every term the request starts at receipt, with its reminders. */
  terms?: CaseTerm[];
  openedBy: string;
  idempotencyKey?: string;
  /** When the person opened the case (the API received the request); `at` on the audit event is when it was recorded. */
  actedAt?: string;
  /** The namespace has the case search attributes registered: keep them up to date (workflows/search-attributes.ts). */
  searchAttributes?: boolean;
  /** The language the subject wrote in: letters to the subject use it (default: the operator profile's). */
  language?: 'ru' | 'en';
  /**
   * The letter claims the operator's own domain and our mail server did not authenticate it (issue 16): the case is
   * never acknowledged, not even when an officer classifies it (an answer still goes where the officer decides).
   */
  withoutAcknowledgement?: true;
  /** Art. 14 p.4–6: the earlier case this request repeats within 30 days of its answer. */
  repeatOf?: { caseId: string; answeredAt: string; allowedFrom: string };
  /** Set when a long-lived case continued as a new run (bounded history): where the previous run left the path. */
  carried?: CarriedPath;
}

/** A case's place on its path, handed from one run to the next by continue-as-new. */
export interface CarriedPath {
  /** The request the case was classified as, when it began `unclassified`. */
  type?: CaseType;
  status: CaseStatus;
  step: Step;
  terms: CaseTerm[];
  assignee?: Person;
  facts: PathFacts;
  /** Reminder keys already fired (`<term>:<reminder>`). */
  fired: string[];
  transitions: number;
  /** Destruction in the operator's systems, when the case began it (docs/adr/012). */
  destruction?: { systems: string[]; finished: Record<string, 'done' | 'nothing_found' | 'cancelled'>; ended?: 'act' | 'left'; act?: string };
}

export interface Person {
  name: string;
  email?: string;
}

/** What the officer gives with an action (one shape per action in the API's OpenAPI document). */
export interface ActionDetails {
  note?: string;
  /** classify: which request the letter is. */
  type?: RequestType;
  deletionGround?: DeletionGround;
  assignee?: Person;
  missing?: string[];
  finding?: Finding;
  findingDate?: string;
  reason?: string;
  ground?: string;
  provision?: string;
  reasons?: string;
  reportedAs?: 'inaccurate' | 'unlawful';
  changes?: string;
  sections?: Array<{ item: string; text: string }>;
  retentionUntil?: string;
  recipients?: Person[];
  /** confirm_destruction: the facts the destruction act needs. */
  what?: string;
  where?: string;
  method?: string;
  destroyedAt?: string;
  destroyedBy?: Array<{ name: string; position: string }>;
  /** confirm_destruction by the engine: the Order 179 act it issued when every system was done. */
  actNumber?: string;
}

export interface ActionRequest {
  action: OfficerAction;
  actor: string;
  details?: ActionDetails;
  /** Terms the action starts (or extends), computed by the API on the production calendar (ADR 003). */
  terms?: CaseTerm[];
  /** The client's Idempotency-Key: recorded with the audit event so a repeated request is recognised. */
  requestId?: string;
  /** When the person acted (the API received the request), which may be long before a worker applies it. */
  actedAt?: string;
  /** Compatibility with the first API: the note, outside `details`. */
  note?: string;
}

export interface CaseState {
  caseId: string;
  status: CaseStatus;
  step: Step;
  due: string;
  dueAt: string;
  transitions: number;
  terms: Array<{ key: TermKey; rule: RuleId; status: TermStatus; due: string; dueAt: string; extended: boolean }>;
  /** Destruction in the operator's systems: every system, those finished (and how), the act once issued. */
  destruction?: { systems: string[]; finished: Record<string, string>; act?: string };
}

/** A permanent failure a case workflow met; recorded in `case_faults`, after which the workflow ends. */
export interface CaseFault {
  caseId: string;
  kind: 'invalid_input' | 'permanent_database_error' | 'workflow_error';
  message: string;
}

export const caseStateQuery = defineQuery<CaseState>('caseState');
export const caseActionUpdate = defineUpdate<CaseState, [ActionRequest]>('caseAction');

/** The production calendar the workers count with changed (docs/adr/015): the case re-plans its terms not yet met. */
export interface CalendarChanged {
  /** The new calendar.version, as the re-plan workflow was started for. */
  version: string;
}
export const calendarChangedSignal = defineSignal<[CalendarChanged]>('calendarChanged');
