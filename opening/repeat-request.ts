import type pg from 'pg';
import type { RequestType } from '../domain/case/request-types';
import { computeDeadline } from '../domain/legal-time';
import type { LegalTime } from '../platform/legal-time-config';
import type { OpenCaseInput } from './opening-input';

export interface RepeatOf {
  caseId: string;
  answeredAt: string;
  /** The first day a repeat request on the same matter was allowed (`repeat_request_min_interval`). */
  allowedFrom: string;
}

/**
 * Art. 14 p.4–6: the earlier case this request repeats, when the same subject (by e-mail, else by name) asked the
 * same thing (request type) and was answered less than 30 days before this receipt. The officer may then refuse
 * with the `repeat_request` ground, unless the subject explains why the first answer was incomplete.
 */
export async function repeatOf(db: pg.Pool, body: OpenCaseInput & { type: RequestType }, legalTime: LegalTime): Promise<RepeatOf | undefined> {
  const { rows } = await db.query(
    `SELECT id, closed_at FROM cases
     WHERE type = $1 AND status IN ('responded', 'refused') AND closed_at IS NOT NULL AND closed_at < $2
       AND CASE WHEN $3::text IS NOT NULL THEN lower(subject_email) = lower($3) ELSE subject_name = $4 END
     ORDER BY closed_at DESC LIMIT 1`,
    [body.type, body.receivedAt, body.subject.email ?? null, body.subject.name],
  );
  const earlier = rows[0];
  if (!earlier) return undefined;
  const answeredAt = (earlier.closed_at as Date).toISOString();
  const { due } = computeDeadline({ rule: 'repeat_request_min_interval', from: answeredAt }, legalTime);
  const receivedOn = new Intl.DateTimeFormat('en-CA', { timeZone: legalTime.timeZone }).format(new Date(body.receivedAt));
  return receivedOn < due ? { caseId: earlier.id as string, answeredAt, allowedFrom: due } : undefined;
}
