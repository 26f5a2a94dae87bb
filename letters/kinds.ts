/**
 * The letters the engine sends and the data each one needs. Pure types and constants: the workflow may
 * import this file (it names which letter a step sends) without pulling in templates, SMTP or PostgreSQL.
 *
 * Dates are calendar dates `YYYY-MM-DD` in the operator's time zone, exactly as the case records them
 * (`due`, `extendedDue`); templates format them per language (DD.MM.YYYY in Russian, D Month YYYY in English).
 */

export const LETTER_KINDS = [
  'acknowledgement', 'information_request', 'extension_notice', 'response_cover', 'refusal',
  'correction_notice', 'blocking_notice', 'unblocking_notice', 'destruction_notice', 'cessation_notice',
  'legal_ground_notice', 'recipient_notice', 'staff_reminder', 'escalation',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Russian is the default: the operator answers in the language of the law unless the subject wrote otherwise. */
export const LETTER_LANGUAGES = ['ru', 'en'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];
export const DEFAULT_LETTER_LANGUAGE: LetterLanguage = 'ru';

/** The six public request types (the case's `type`; `cease_processing` arrives with issue 7). */
/** `unclassified`: a triaged letter (staff letters only; the subject is acknowledged once it is classified). */
export type LetterRequestType = 'access' | 'correction' | 'blocking' | 'withdrawal' | 'deletion' | 'cease_processing' | 'unclassified';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Who speaks: from the operator profile, in the letter's language. */
export interface LetterOperator {
  legalName: string;
  address: string;
  /** The mailbox the subject writes to (requests, questions about the letter). */
  email: string;
  phone?: string;
  website?: string;
}

/** What every letter about a case carries. */
export interface CaseLetterBase {
  operator: LetterOperator;
  caseNumber: string;
  requestType: LetterRequestType;
  receivedDate: IsoDate;
  /** The last day of the term now running (the extended one after an extension). */
  dueDate: IsoDate;
  /** Optional free text from the officer, printed as its own paragraph. */
  note?: string;
}

/** Letters to the data subject (or their representative) address them by name. */
export interface SubjectLetterBase extends CaseLetterBase {
  subjectName: string;
}

/** The items a valid request must contain (art. 14 p.3); the officer marks which are missing. */
export const REQUEST_ITEMS = ['identity_document', 'relation_to_operator', 'signature', 'representative_authority'] as const;
export type RequestItem = (typeof REQUEST_ITEMS)[number];

/** The information the operator must give on an access request (art. 14 p.7, items 1–11). */
export const ACCESS_INFO_ITEMS = [
  'processing_confirmed', 'legal_basis_and_purposes', 'purposes_and_methods', 'operator_and_recipients',
  'data_and_source', 'processing_terms', 'rights_procedure', 'cross_border_transfer', 'processor',
  'security_measures', 'other',
] as const;
export type AccessInfoItem = (typeof ACCESS_INFO_ITEMS)[number];

/** Why a request is refused: each ground names the provision the letter cites (art. 20 p.2). */
export const REFUSAL_GROUNDS = ['access_restricted', 'repeat_request', 'request_incomplete', 'other_federal_law'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export type DestructionGround = 'evidence' | 'unlawful_processing' | 'purpose_achieved' | 'consent_withdrawn';
export type CessationGround = 'demand_cease' | 'unlawful_processing' | 'consent_withdrawn';

export interface LetterData {
  acknowledgement: SubjectLetterBase;
  information_request: SubjectLetterBase & { missingItems: RequestItem[] };
  extension_notice: SubjectLetterBase & { reason: string; originalDueDate: IsoDate };
  response_cover: SubjectLetterBase & { sections: Array<{ item: AccessInfoItem; text: string }> };
  refusal: SubjectLetterBase & {
    ground: RefusalGround;
    /** The exact provision relied on, e.g. "п. 4 ч. 8 ст. 14 Федерального закона № 152-ФЗ". */
    provision?: string;
    reasons: string;
  };
  correction_notice: SubjectLetterBase & { changes: string; correctedDate: IsoDate };
  blocking_notice: SubjectLetterBase & { blockedDate: IsoDate; reason: 'inaccurate' | 'unlawful' };
  unblocking_notice: SubjectLetterBase & { unblockedDate: IsoDate; outcome: 'corrected' | 'not_confirmed'; reasons?: string };
  destruction_notice: SubjectLetterBase & { destroyedDate: IsoDate; ground: DestructionGround; categories: string };
  cessation_notice: SubjectLetterBase & { ceasedDate: IsoDate; ground: CessationGround };
  legal_ground_notice: SubjectLetterBase & { legalGround: string; retentionUntil?: IsoDate };
  recipient_notice: SubjectLetterBase & {
    recipientName: string; action: 'corrected' | 'destroyed'; actionDate: IsoDate; details: string;
  };
  /** Internal letters name the case, not the subject: the case number is enough to open it. */
  staff_reminder: CaseLetterBase & { recipientName: string; step: string; daysLeft: number };
  escalation: CaseLetterBase & { step: string; assigneeName?: string; daysOverdue: number };
}

/** A letter's kind together with its data, so the compiler checks the data against the kind. */
export type LetterContent = { [K in LetterKind]: { kind: K; data: LetterData[K] } }[LetterKind];
