import type { InformationSystem } from '../operator/systems-schema';
import type { LogExtractEntry, MovedFromLog } from './act-schema';

/** One row of audit_events as the act reads it (ids as text: bigserial exceeds a JS number's safe range in theory). */
export interface AuditEventRow {
  id: string;
  /** Its number in the hash chain (`dsar audit verify` and the auditor's export count by it); absent only in old fixtures. */
  chainSeq?: string;
  at: string;
  actor: string;
  action: string;
  data: Record<string, unknown>;
}

/** The events that record a destruction: the officer's confirmation, or a per-system destruction step. */
const DESTRUCTION_ACTIONS = /^(case\.confirm_destruction|destruction\.[a-z_.]*(destroyed|erased|confirmed))$/;

const appliesTo = (e: AuditEventRow, system: InformationSystem) =>
  DESTRUCTION_ACTIONS.test(e.action) && (typeof e.data.system !== 'string' || e.data.system === system.id);

interface Bilingual { ru: string; en: string }

/** What each destruction event records, in words an inspector reads (the act never prints an action id). */
const EVENT_WORDS: Array<[RegExp, Bilingual]> = [
  [/^case\.confirm_destruction$/, { ru: 'ответственное лицо подтвердило уничтожение', en: 'a responsible person confirmed the destruction' }],
  [/erased$/, { ru: 'записи субъекта удалены в системе', en: 'the subject\'s records were erased in the system' }],
  [/confirmed$/, { ru: 'владелец системы подтвердил уничтожение', en: 'the system\'s owner confirmed the destruction' }],
  [/destroyed$/, { ru: 'данные уничтожены в системе', en: 'the data were destroyed in the system' }],
];
const wordsOf = (action: string): Bilingual => EVENT_WORDS.find(([re]) => re.test(action))![1];

const categoriesOf = (e: AuditEventRow): string[] | null => {
  const c = e.data.categories ?? e.data.what;
  if (Array.isArray(c) && c.every((x) => typeof x === 'string') && c.length > 0) return c;
  return typeof c === 'string' && c.trim() ? [c] : null;
};

export class MissingDestructionEvent extends Error {
  constructor(readonly caseId: string, readonly systems: string[]) {
    super(`case ${caseId}: the audit log records no destruction in ${systems.join(', ')}; ` +
      'an act is issued only when every system is done (Order 179 p.5 needs the log entry)');
  }
}

/**
 * The Order 179 p.5 extract (subject, categories, system, reason, date) for each automated system, built from
 * the engine's own audit events, and the p.6 list: fields the log cannot show, which the act states instead.
 * The log holds no subject names (events carry no more personal data than needed): the subject is always moved.
 */
export function buildLogExtract(caseId: string, events: readonly AuditEventRow[], systems: readonly InformationSystem[], act: {
  subject: string; categories: string[]; reason: string; reasonWords: Bilingual;
}): { logExtract: LogExtractEntry[]; movedFromLog: MovedFromLog[] } {
  const automated = systems.filter((s) => s.automated);
  const missing = automated.filter((s) => !events.some((e) => appliesTo(e, s))).map((s) => s.id);
  if (missing.length > 0) throw new MissingDestructionEvent(caseId, missing);
  const logExtract: LogExtractEntry[] = [];
  const movedFromLog: MovedFromLog[] = [];
  for (const system of automated) {
    const own = events.filter((e) => appliesTo(e, system));
    const last = own[own.length - 1]!;
    const categories = own.map(categoriesOf).find((c) => c !== null) ?? null;
    logExtract.push({
      system: system.name, subject: caseId, categories, reason: act.reasonWords, event: wordsOf(last.action), action: last.action,
      date: typeof last.data.destroyedAt === 'string' ? last.data.destroyedAt : last.at, eventIds: own.map((e) => e.id),
      chainSeqs: own.flatMap((e) => (e.chainSeq ? [e.chainSeq] : [])),
    });
    movedFromLog.push({ system: system.id, field: 'subject', value: act.subject });
    if (!categories) movedFromLog.push({ system: system.id, field: 'categories', value: act.categories.join(', ') });
    movedFromLog.push({ system: system.id, field: 'reason', value: act.reason });
  }
  return { logExtract, movedFromLog };
}
