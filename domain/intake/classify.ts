/**
 * Which of the six request types a letter demands, and why: pure, explainable, Russian and English.
 * Every demand found is returned with the phrases that made it (as written in the letter); the case opens on the
 * primary one (primary.ts) and lists the others for the officer. Anything unsure goes to triage with a reason — never
 * dropped.
 */
import type { RequestType } from '../case/request-types';
import { findCitations, type Citation } from './citations';
import {
  compile, CONTACT_DETAIL, CONTACTING, DATA_NAMED, DEMAND_PHRASES, GENERIC_SUBJECT_WEIGHT, GENERIC_SUBJECTS, MENTION,
  NEGATION, NEW_VALUE, NOT_A_NEGATION, PERSONAL_DATA_TOPIC, WISH,
} from './demand-phrases';
import type { Classification, Demand, MessageLanguage } from './message';
import { PRIMARY_ORDER, primaryOf } from './primary';
import { isReported, reportedSpans, withoutQuotedHistory } from './quoted-history';

export { PRIMARY_ORDER } from './primary';

/** Below this a demand is listed but the case goes to triage: an officer classifies it. */
export const CONFIDENT = 0.6;

/** How much a phrase counts when the clause asks how or says "if" (как удалить…, if I withdraw…). */
const MENTION_FACTOR = 0.5;
/** How much a phrase counts in reported speech (ранее я писал: «удалите…»): listed for the officer, never sure alone. */
const REPORTED_FACTOR = 0.5;
/** A cited provision as evidence for a demand the letter makes: 0.8 becomes 0.9, a bare "неверные данные" 0.75. */
const CITED_WEIGHT = 0.5;
/** A cited provision in a letter that demands nothing in words: a hint for the officer, below CONFIDENT. */
const CITATION_HINT = 0.4;

const phrases = DEMAND_PHRASES.map((phrase) => ({ ...phrase, regex: compile(phrase.pattern) }));
const generic = GENERIC_SUBJECTS.map(compile);
const topic = PERSONAL_DATA_TOPIC.map(compile);
const word = (source: string) => new RegExp(`(?<![\\p{L}])${source}(?![\\p{L}])`, 'iu');
const stem = (source: string) => new RegExp(`(?<![\\p{L}])${source}`, 'iu');
const negated = word(NEGATION);
/** "я не хочу, чтобы вы удаляли…", "I never asked you to delete…": the negation stands further back, on the wish. */
const unwanted = word(`${NEGATION}\\s+${WISH}`);
const notNegating = new RegExp(`(?<![\\p{L}])${NOT_A_NEGATION}(?![\\p{L}])`, 'giu');
const mentioned = word(MENTION);
const contactDetail = stem(CONTACT_DETAIL);
const dataNamed = stem(DATA_NAMED);
const contacting = stem(CONTACTING);

interface Hit { type: RequestType; phrase: string; weight: number; live: boolean }

export function classify(m: { subject: string; text: string }): Classification {
  const body = withoutQuotedHistory(m.text);
  // The subject line and the body are one text for the phrases, split so "~" never joins across them.
  const text = `${m.subject}\n.\n${body}`;
  const language = detectLanguage(text);
  const hits = findHits(text);
  const citations = findCitations(text);
  const cited = citationHits(hits, citations);
  hits.push(...cited);
  if (hits.length === 0) {
    const subjectHit = firstMatch(generic, m.subject);
    if (subjectHit !== undefined) hits.push({ type: 'access', phrase: subjectHit, weight: GENERIC_SUBJECT_WEIGHT, live: false });
  }
  const demands = toDemands(hits);
  const matched = [...new Set(demands.flatMap((d) => d.matched))];
  const primary = primaryOf(demands, CONFIDENT, { cited: chosenPaths(cited, citations), removalOfContact: removalOfContact(hits) });
  if (primary) return { requestType: primary.type, demands, confidence: primary.confidence, matched, language };
  if (demands.length > 0) {
    const confidence = Math.max(...demands.map((d) => d.confidence));
    return { requestType: null, demands, confidence, matched, language, triage: 'low_confidence' };
  }
  const triage = firstMatch(topic, text) === undefined ? 'probably_not_a_request' : 'no_match';
  return { requestType: null, demands, confidence: 0, matched, language, triage };
}

/** ru when at least 30 % of the letters are Cyrillic (an English letter quotes a Russian name or address); ru when none. */
export function detectLanguage(text: string): MessageLanguage {
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  return latin > 0 && cyrillic / (cyrillic + latin) < 0.3 ? 'en' : 'ru';
}

function findHits(text: string): Hit[] {
  // ё → е keeps every index, so a match found in `searchable` is sliced from the letter as written.
  const searchable = text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  const reported = reportedSpans(searchable);
  const hits: Hit[] = [];
  for (const { type, regex, weight, negative, value } of phrases) {
    for (const found of searchable.matchAll(regex)) {
      const end = found.index + found[0].length;
      if (value && !NEW_VALUE.test(text.slice(end, end + 120))) continue;
      const before = clauseBefore(searchable, found.index).replace(notNegating, ' ');
      if (!negative && (negated.test(lastWords(before, 3)) || unwanted.test(before))) continue;
      const phrase = text.slice(found.index, end).replace(/\s+/g, ' ').trim();
      const asked = mentioned.test(before);
      const told = isReported(reported, found.index);
      const factor = (asked ? MENTION_FACTOR : 1) * (told ? REPORTED_FACTOR : 1);
      hits.push({ type, phrase, weight: weight * factor, live: !asked && !told });
    }
  }
  return hits;
}

/**
 * A cited provision raises a demand of its type that the letter makes live (once per type): a question or a report
 * that cites an article stays unsure. In a letter with no demand phrase at all, a provision that names one path is
 * listed as a hint, below CONFIDENT. Hits of a citation are `live` when they raise a live demand.
 */
function citationHits(hits: readonly Hit[], citations: readonly Citation[]): Hit[] {
  const made = new Set(hits.filter((h) => h.live).map((h) => h.type));
  const raised = new Map<RequestType, Hit>();
  for (const { phrase, types } of citations) {
    for (const type of types) {
      if (raised.has(type)) continue;
      if (made.has(type)) raised.set(type, { type, phrase, weight: CITED_WEIGHT, live: true });
      else if (hits.length === 0 && types.length === 1) raised.set(type, { type, phrase, weight: CITATION_HINT, live: false });
    }
  }
  return [...raised.values()];
}

/** The types of the demands the letter makes under a provision it cites that names that one path. */
function chosenPaths(cited: readonly Hit[], citations: readonly Citation[]): Set<RequestType> {
  const raised = new Set(cited.filter((h) => h.live).map((h) => h.type));
  return new Set(citations.flatMap((c) => (c.types.length === 1 && raised.has(c.types[0]!) ? c.types : [])));
}

/** Every deletion phrase names a contact detail and no data (удалите мой номер), and a cease phrase names contacting. */
function removalOfContact(hits: readonly Hit[]): boolean {
  const deletion = hits.filter((h) => h.type === 'deletion');
  return deletion.length > 0 && deletion.every((h) => contactDetail.test(h.phrase) && !dataNamed.test(h.phrase))
    && hits.some((h) => h.type === 'cease_processing' && contacting.test(h.phrase));
}

/** Several phrases of one type add up like independent evidence: 1 − Π(1 − w), at most 0.99. */
function toDemands(hits: Hit[]): Demand[] {
  const demands: Demand[] = [];
  for (const type of PRIMARY_ORDER) {
    const own = hits.filter((h) => h.type === type);
    if (own.length === 0) continue;
    const doubt = own.reduce((product, h) => product * (1 - h.weight), 1);
    const confidence = Math.round(Math.min(0.99, 1 - doubt) * 100) / 100;
    demands.push({ type, confidence, matched: [...new Set(own.map((h) => h.phrase))] });
  }
  return demands;
}

/**
 * The text of the same clause before a match: a "не" in another clause or sentence says nothing about it. A line
 * that starts with a capital (not the polite Вы) starts a sentence, even without a full stop before it.
 */
function clauseBefore(text: string, index: number): string {
  const from = Math.max(0, index - 80);
  let start = from;
  // A few letters past the match, so that the capital the phrase itself starts with is seen.
  for (const line of text.slice(from, index + 4).matchAll(/\n(?=[ \t]*(?!Вы|Ваш|Вам|Вас)\p{Lu})/gu)) {
    if (from + line.index < index) start = from + line.index + 1;
  }
  const parts = text.slice(start, index).split(/[.!?;,:()«»"]|\n\s*\n|\s[-–—]\s|\s(?:и|но|а|and|but)\s/iu);
  const last = parts[parts.length - 1] ?? '';
  // "…, чтобы вы удалили" belongs to the clause before the comma: "я (не) хочу, чтобы…".
  return /^\s*(?:чтобы|что бы)(?![\p{L}])/iu.test(last) ? `${parts[parts.length - 2] ?? ''} ${last}` : last;
}

function lastWords(text: string, count: number): string {
  return text.trim().split(/\s+/).slice(-count).join(' ');
}

function firstMatch(regexes: RegExp[], text: string): string | undefined {
  for (const regex of regexes) {
    const found = text.replace(/ё/gi, 'е').match(new RegExp(regex.source, 'iu'));
    if (found) return text.slice(found.index, (found.index ?? 0) + found[0].length).replace(/\s+/g, ' ').trim();
  }
  return undefined;
}
