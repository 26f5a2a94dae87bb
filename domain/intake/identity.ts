/**
 * Who the subject is, as far as the letter says (art. 14 p.3): name, e-mail, identity document, relation to the
 * operator, signature, representative. Pure. Document numbers leave here masked; `missingItems` lists what the
 * law requires and the letter lacks, so the officer can ask for it (request_information) within the same term.
 */
import type { IdentityItem, SubjectIdentity } from './message';
import { maskDigits } from './mask-documents';
import { DATE, isoDate } from './text-dates';

export { maskDocumentNumbers } from './mask-documents';

type Document = SubjectIdentity['documents'][number];
type Relation = SubjectIdentity['relations'][number];

const L = '\\p{L}*';
const NO = '(?:№|N|No\\.?|number|nr\\.?|#|номер)';
const ID = '([\\p{L}\\p{N}][\\p{L}\\p{N}/_.-]*[\\p{L}\\p{N}]|\\p{N})';

/** Identity documents: the kind, and how its number is written (groups joined make the number). */
const DOCUMENTS: Array<{ kind: string; regex: RegExp; format?: (digits: string) => string }> = [
  {
    kind: 'passport_ru',
    regex: new RegExp(`(?:паспорт${L}(?:\\s+(?:гражданина\\s+)?(?:РФ|Российской Федерации))?[\\s:,]*(?:сери[яи]\\s*)?|сери[яи]\\s*)(\\d{2}\\s?\\d{2})[\\s,]*(?:№|номер|N)?\\s*(\\d{6})(?!\\d)`, 'iu'),
    format: (d) => `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`,
  },
  { kind: 'passport_ru_foreign', regex: new RegExp(`(?:загранпаспорт${L}|заграничн${L} паспорт${L})[\\s:]*(?:${NO}\\s*)?(\\d{2}\\s?\\d{7})(?!\\d)`, 'iu') },
  { kind: 'driving_licence_ru', regex: new RegExp(`водительск${L} удостоверени${L}[\\s:]*(?:${NO}\\s*)?(\\d{2}\\s?\\d{2}\\s?\\d{6})(?!\\d)`, 'iu') },
  { kind: 'passport', regex: new RegExp(`passport(?:\\s+${NO})?[\\s:]*([A-Z]{0,2}\\s?\\d{6,9})(?!\\d)`, 'iu') },
  { kind: 'driving_licence', regex: new RegExp(`driver'?s licen[cs]e(?:\\s+${NO})?[\\s:]*([A-Z0-9]{5,15})`, 'iu') },
  { kind: 'id_card', regex: new RegExp(`(?:national |identity )?id(?:entity)? card(?:\\s+${NO})?[\\s:]*([A-Z0-9]{5,15})`, 'iu') },
];

const RELATIONS: Array<{ kind: string; regex: RegExp }> = [
  { kind: 'contract', regex: new RegExp(`(?:договор${L}|контракт${L}|contract|agreement)\\s*${NO}\\s*${ID}(?:\\s*(?:от|dated|of)\\s*(${DATE}))?`, 'giu') },
  { kind: 'order', regex: new RegExp(`(?:заказ${L}|order)\\s*${NO}\\s*${ID}`, 'giu') },
  { kind: 'account', regex: new RegExp(`(?:лицев${L} сч[её]т${L}|номер клиента|клиентск${L} номер${L}|customer (?:id|number|no\\.?)|client (?:id|number)|account(?: number| no\\.?)?)\\s*(?:${NO}|:)?\\s*${ID}`, 'giu') },
  { kind: 'invoice', regex: new RegExp(`(?<!лицев${L} )(?:сч[её]т${L}(?: на оплату)?|invoice)\\s*${NO}\\s*${ID}`, 'giu') },
];
/** "I am your customer": recorded for the officer, but no proof of processing on its own (see missingItems). */
const STATEMENT = new RegExp(`(?:я (?:являюсь )?ваш${L} (?:клиент${L}|покупател${L}|пользовател${L}|абонент${L})|зарегистрирован${L} на ваш${L} сайт${L}|покупал${L} у вас|I am (?:a |your )?(?:customer|client|user)|registered on your (?:site|website))`, 'iu');

const REPRESENTATIVE = /(?:по доверенности|в интересах|от имени (?:мо|сво|доверител)|представител\p{L}* (?:субъекта|по доверенности|моего|моей|заявител)|законн\p{L}* представител|мой доверитель|моего доверителя|on behalf of|power of attorney|my client|as (?:the |a )?(?:legal )?representative)/iu;
const AUTHORITY = [
  new RegExp(`доверенност${L}\\s*${NO}\\s*[\\p{L}\\p{N} /-]{1,25}?\\s*от\\s*(?:${DATE})`, 'iu'),
  new RegExp(`доверенност${L}\\s*${NO}\\s*[\\p{L}\\p{N}/-]+`, 'iu'),
  new RegExp(`(?:(?:прилага${L}|приложен${L}|направляю)\\s+(?:копи${L}\\s+)?(?:нотариальн${L}\\s+)?доверенност${L}|доверенност${L}\\s+(?:прилага${L}|приложен${L}|во вложении))`, 'iu'),
  new RegExp(`(?:power of attorney (?:${NO}\\s*[A-Z0-9/-]+|is attached|attached)|attached (?:is )?(?:a |the )?(?:copy of (?:the |my )?)?power of attorney)`, 'iu'),
];

const NAME = "\\p{Lu}[\\p{L}'-]+(?:[ \\t]+\\p{Lu}[\\p{L}'.-]*){1,2}";
/** Where a letter names its author: the words before are read in any case, the name itself must be capitalised. */
const NAME_PLACES = [
  /(?:с уважением|с наилучшими пожеланиями|всего доброго|best regards|kind regards|regards|sincerely|yours faithfully|yours sincerely)[,.!]?[ \t]*(?:\r?\n[ \t]*)*/iu,
  /^[ \t]*я,\s+/imu,
  /(?:меня зовут|my name is)\s+/iu,
];
const NAME_AT_START = new RegExp(`^${NAME}`, 'u');
// Line starts by ^ and [ \t]*, not (?:^|\n)\s*: that form is quadratic on a letter of 100,000 blank lines.
const SIGNATURE_LINE = /^[ \t]*(?:подпись|signature|signed)[ \t]*[:/]|^[ \t]*\/[ \t]*\p{L}[\p{L}. \t]{1,40}\//imu;

export function extractIdentity(m: {
  from?: { name?: string; email: string };
  forwardedFrom?: { name?: string; email: string };
  text: string;
  signed: boolean;
}): SubjectIdentity {
  const sender = m.forwardedFrom ?? m.from;
  const text = m.text.replace(/\u00a0/g, ' ');
  const signedName = findName(text);
  const name = signedName ?? (sender?.name?.trim() || undefined);
  const authority = AUTHORITY.map((regex) => regex.exec(text)?.[0]).find(Boolean)?.replace(/\s+/g, ' ').trim();
  const representative = REPRESENTATIVE.test(text) || authority !== undefined;
  return {
    ...(name ? { name } : {}),
    ...(sender?.email ? { email: sender.email } : {}),
    documents: findDocuments(text),
    relations: findRelations(text),
    signature: m.signed || signedName !== undefined || SIGNATURE_LINE.test(text),
    ...(representative ? { representative } : {}),
    ...(authority ? { authority } : {}),
  };
}

/** What art. 14 p.3 requires and the letter lacks. A document counts only with its number, issue date and issuer. */
export function missingItems(identity: SubjectIdentity): IdentityItem[] {
  const missing: IdentityItem[] = [];
  if (!identity.documents.some((d) => d.masked && d.issuedOn && d.issuedBy)) missing.push('identity_document');
  if (!identity.relations.some((r) => r.kind !== 'statement')) missing.push('relation_to_operator');
  if (!identity.signature) missing.push('signature');
  if (identity.representative && !identity.authority) missing.push('representative_authority');
  return missing;
}

function findName(text: string): string | undefined {
  for (const place of NAME_PLACES) {
    const found = place.exec(text);
    const name = found ? NAME_AT_START.exec(text.slice(found.index + found[0].length))?.[0] : undefined;
    if (name) return name.trim();
  }
  return undefined;
}

function findDocuments(text: string): Document[] {
  const documents: Document[] = [];
  for (const { kind, regex, format } of DOCUMENTS) {
    const found = regex.exec(text);
    if (!found) continue;
    const digits = found.slice(1).join('').replace(/\s/g, '');
    const number = format ? format(digits) : (found[1] ?? '').trim();
    const issue = issueOf(text.slice(found.index + found[0].length, found.index + found[0].length + 300));
    documents.push({ kind, masked: maskDigits(number), ...issue });
  }
  return documents;
}

/** Issue date and issuer from the words after a document number: "выдан ОУФМС … 01.03.2015", "дата выдачи …". */
function issueOf(after: string): { issuedOn?: string; issuedBy?: string } {
  const clause = after.split(/\n\s*\n|(?:^|\s)(?:договор|contract|заказ|order|прошу|please)/iu)[0] ?? '';
  const date = new RegExp(`(?:дата выдачи|выдан\\p{L}*|issued(?: on)?|от)?[\\s:]*(${DATE})`, 'iu').exec(clause);
  const byRegex = new RegExp(
    `(?:выдан\\p{L}*|кем выдан|issued by)[\\s:]*(?:(?:${DATE})\\s*(?:г\\.|года|г)?\\s*,?\\s*)?(.+?)(?=\\s*,?\\s*(?:(?:от|on|дата выдачи)?\\s*(?:${DATE})|дата выдачи|код подразделения)|\\s*[\\n;]|\\s*$)`,
    'iu',
  );
  const by = byRegex.exec(clause)?.[1]?.replace(/[\s,.]+$/u, '').trim();
  const issuedOn = date?.[1] ? isoDate(date[1]) : undefined;
  return { ...(issuedOn ? { issuedOn } : {}), ...(by && /\p{L}{2}/u.test(by) ? { issuedBy: by } : {}) };
}

function findRelations(text: string): Relation[] {
  const relations: Relation[] = [];
  for (const { kind, regex } of RELATIONS) {
    for (const found of text.matchAll(regex)) {
      const issued = found[2] ? isoDate(found[2]) : undefined;
      const value = issued ? `${found[1]} (${issued})` : (found[1] ?? '');
      if (!relations.some((r) => r.value === value)) relations.push({ kind, value });
    }
  }
  const statement = STATEMENT.exec(text);
  if (statement) relations.push({ kind: 'statement', value: statement[0] });
  return relations;
}
