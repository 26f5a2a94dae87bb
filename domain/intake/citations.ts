/**
 * The articles of 152-FZ (and the advertising law, 38-FZ) a letter cites, and the request each names: "ч. 5.1
 * ст. 21", "часть 5.1 статьи 21", "п. 5.1 ст. 21 152-ФЗ", "art. 21(5.1)", "ст. 20, 21", "38-ФЗ «О рекламе»".
 * A citation is the subject's own word on which path they invoke, but not a demand: classify.ts lets it raise a
 * demand the letter makes and, alone, only hint at one for the officer.
 */
import type { RequestType } from '../case/request-types';

export interface Citation {
  /** As written in the letter, runs of spaces made one. */
  phrase: string;
  /** The requests the cited provision gives the subject; one type when the provision names one path. */
  types: RequestType[];
}

/**
 * The provisions that give the subject a demand, keyed `article` (no part cited), `article:part`, or `article:*`
 * (any part not listed). Art. 14 p.1 and art. 20 p.3 name several demands at once; art. 21 p.5 is the withdrawal's.
 */
const PROVISIONS: Readonly<Record<string, RequestType[]>> = {
  '9': ['withdrawal'], '9:2': ['withdrawal'],
  '14': ['access'], '14:1': ['access', 'correction', 'blocking', 'deletion'], '14:*': ['access'],
  // Advertising by telephone or mail needs prior consent and stops at once on the subject's demand (art. 15 p.2).
  '15': ['cease_processing'], '15:*': ['cease_processing'],
  '20': ['access', 'correction', 'deletion'], '20:1': ['access'], '20:3': ['correction', 'deletion'],
  '21': ['blocking', 'correction', 'deletion', 'cease_processing'], '21:1': ['blocking'], '21:2': ['correction'],
  '21:3': ['cease_processing', 'deletion'], '21:4': ['deletion'], '21:5': ['withdrawal'], '21:5.1': ['cease_processing'],
};

const NUM = '\\d{1,2}(?:\\.\\d{1,2})?';
const ARTICLE = '(?:ст\\.?\\s*ст\\.?|стать\\p{L}*|ст\\.?|art\\.?|articles?)';
const PART = '(?:част\\p{L}*|ч\\.?|пункт\\p{L}*|п\\.?|parts?|paragraphs?|para\\.?|p\\.|clause|section)';
const ARTICLES = `(\\d{1,2}(?:\\s*(?:/|,|и|and|&)\\s*\\d{1,2})*)`;
/** "ч. 5.1 ст. 21" / "part 5.1 of Article 21", then "ст. 21 ч. 5.1" / "art. 21(5.1)" / "ст. 20, 21". */
const CITATION = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${PART}\\s*(${NUM})\\.?\\s*,?\\s*(?:of\\s+(?:the\\s+)?)?${ARTICLE}\\s*(\\d{1,2})(?![\\d.]\\d)` +
  `|${ARTICLE}\\s*${ARTICLES}(?:\\s*,?\\s*(?:${PART}\\s*(${NUM})|\\((${NUM})\\)))?)(?![\\p{L}\\p{N}])`, 'giu');

/** Which law a citation belongs to: ours when it names none (the letter is written to a personal-data operator). */
const PERSONAL_DATA_LAW = '152\\s*-?\\s*(?:ФЗ|FZ)|(?:ФЗ|FZ)\\s*-?\\s*(?:№\\s*)?152|(?:№|no\\.?)\\s*152|о персональных данных|on personal data|personal data (?:law|act)|закона? о пдн';
const ADVERTISING_LAW = '38\\s*-?\\s*(?:ФЗ|FZ)|(?:ФЗ|FZ)\\s*-?\\s*(?:№\\s*)?38(?!\\d)|закон\\p{L}* о рекламе|«о рекламе»|on advertising|advertising (?:law|act)';
const OTHER_LAW = 'gdpr|ГК|ТК|НК|УК|КоАП|ГПК|АПК|кодекс\\p{L}*|code|конституци\\p{L}*|constitution|зозпп|прав потребителей|consumer|' +
  '\\d+\\s*-?\\s*(?:ФЗ|FZ)|(?:ФЗ|FZ)\\s*-?\\s*№?\\s*\\d+|договор\\p{L}*|contract|agreement|политик\\p{L}*|policy|оферт\\p{L}*|' +
  'правил\\p{L}*|terms|регламент\\p{L}*|устав\\p{L}*|положени\\p{L}*|приказ\\p{L}*|regulation';
const LAW = `(?<![\\p{L}\\p{N}])(?:(?<pd>${PERSONAL_DATA_LAW})|(?<ads>${ADVERTISING_LAW})|(?<other>${OTHER_LAW}))(?![\\p{L}])`;
const lawAfter = new RegExp(LAW, 'iu');
const lawJustBefore = new RegExp(`${LAW}[\\s,]*$`, 'iu');
const advertisingLaw = new RegExp(`(?<![\\p{L}\\p{N}])(?:${ADVERTISING_LAW})(?![\\p{L}])`, 'giu');
/** Where a citation's own words end: the end of its sentence, or the next citation. */
const WINDOW_END = /[!?;\n]|\.\s+(?=\p{Lu})(?!Федеральн|Закон|ФЗ|Federal|Law)|(?<!\p{L})(?:[Сс]т\.?\s*\d|[Сс]тать\p{L}*\s*\d|[Aa]rt(?:icle)?\.?\s*\d)/u;

export function findCitations(text: string): Citation[] {
  const citations: Citation[] = [];
  for (const found of text.matchAll(CITATION)) {
    const law = lawOf(text, found.index, found.index + found[0].length);
    if (law === 'other') continue;
    const articles = (found[2] ?? found[3] ?? '').split(/\D+/).filter(Boolean);
    const part = found[1] ?? found[4] ?? found[5];
    const types = law === 'ads' ? ['cease_processing' as const] : [...new Set(articles.flatMap((a) => provision(a, part)))];
    if (types.length > 0) citations.push({ phrase: found[0].replace(/\s+/g, ' '), types });
  }
  for (const found of text.matchAll(advertisingLaw)) citations.push({ phrase: found[0], types: ['cease_processing'] });
  return citations;
}

function provision(article: string, part: string | undefined): RequestType[] {
  if (part === undefined) return PROVISIONS[article] ?? [];
  return PROVISIONS[`${article}:${part}`] ?? PROVISIONS[`${article}:*`] ?? [];
}

function lawOf(text: string, start: number, end: number): 'pd' | 'ads' | 'other' {
  const before = lawJustBefore.exec(text.slice(Math.max(0, start - 24), start));
  if (before?.groups?.other) return 'other';
  const after = text.slice(end, end + 100);
  const window = after.slice(0, after.search(WINDOW_END) === -1 ? undefined : after.search(WINDOW_END));
  const groups = lawAfter.exec(window)?.groups;
  return groups?.ads ? 'ads' : groups?.other ? 'other' : 'pd';
}
