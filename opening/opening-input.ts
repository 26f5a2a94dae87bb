import type { Config } from '../platform/config';
import type { LegalTime } from '../platform/legal-time-config';
import type { CaseType, Channel } from '../domain/case/request-types';
import type { DeletionGround } from '../domain/case/legal-paths';
import type { Client } from '@temporalio/client';
import type pg from 'pg';

/** What opening a case needs: the API passes the app, e-mail intake its own connections. */
export interface CaseOpeningDeps {
  pg: pg.Pool;
  temporal: Client;
  config: Pick<Config, 'temporal' | 'reminderPolicy'>;
  legalTime: LegalTime;
}

/** A request to open, as the API validated it or as e-mail intake read it (`unclassified`: waits in triage). */
export interface OpenCaseInput {
  type: CaseType;
  channel: Channel;
  receivedAt: string;
  subject: { name: string; email?: string };
  language?: 'ru' | 'en';
  ground?: DeletionGround;
  /** A letter in the operator's own domain that our mail server did not authenticate: it is never acknowledged (intake/sender-auth.ts). */
  withoutAcknowledgement?: true;
}

/** A refusal of the request itself (400/409): the API answers it as it is; intake records nothing for it. */
export class OpeningRefused extends Error {
  constructor(readonly statusCode: 400 | 409, readonly code: string, message: string) {
    super(message);
  }
}
