/**
 * Which of the six request types a letter demands, and why: pure, explainable, Russian and English.
 * Every demand found is returned with the phrases that made it (as written in the letter); the case opens on the
 * primary one and lists the others for the officer. Anything unsure goes to triage with a reason — never dropped.
 */
import type { RequestType } from '../case/request-types';
import {
  compile, DEMAND_PHRASES, GENERIC_SUBJECT_WEIGHT, GENERIC_SUBJECTS, MENTION, NEGATION, PERSONAL_DATA_TOPIC,
} from './demand-phrases';
import type { Classification, Demand, MessageLanguage } from './message';
import { withoutQuotedHistory } from './quoted-history';

/** Below this a demand is listed but the case goes to triage: an officer classifies it. */
export const CONFIDENT = 0.6;

/**
 * Which demand the case opens on when a letter makes several, most protective first, with the law in mind:
 * 1. withdrawal — unconditional (no evidence needed) and ends in stop + destroy (art. 21 p.5): it covers a
 *    deletion or cease demand made beside it;
 * 2. blocking — due at once (art. 21 p.1, no days), and its path leads to destruction when the processing proves
 *    unlawful (art. 21 p.3): "block + destroy + where did you get my data" must not wait behind a 7-day term;
 * 3. deletion — destroys (art. 20 p.3), which also ends the processing;
 * 4. cease_processing — stops the processing (art. 21 p.5.1) but keeps the data;
 * 5. correction — changes the data (its path blocks first as well);
 * 6. access — information only; every other answer tells the subject what was done anyway.
 */
export const PRIMARY_ORDER: readonly RequestType[] = ['withdrawal', 'blocking', 'deletion', 'cease_processing', 'correction', 'access'];

/** How much a phrase counts when the clause asks how or says "if" (как удалить…, if I withdraw…). */
const MENTION_FACTOR = 0.5;

const phrases = DEMAND_PHRASES.map((phrase) => ({ ...phrase, regex: compile(phrase.pattern) }));
const generic = GENERIC_SUBJECTS.map(compile);
const topic = PERSONAL_DATA_TOPIC.map(compile);
const negated = new RegExp(`(?<![\\p{L}])${NEGATION}(?![\\p{L}])`, 'iu');
/** "я не хочу, чтобы вы удаляли…", "I don't want you to delete…": the negation stands further back, on the wish. */
const unwanted = new RegExp(`(?<![\\p{L}])${NEGATION}\\s+(?:хочу|хотел\\p{L}*|желаю|прошу|требую|нужно|надо|want|wish|need|ask)(?![\\p{L}])`, 'iu');
const mentioned = new RegExp(`(?<![\\p{L}])${MENTION}(?![\\p{L}])`, 'iu');

interface Hit { type: RequestType; phrase: string; weight: number }

export function classify(m: { subject: string; text: string }): Classification {
  const body = withoutQuotedHistory(m.text);
  // The subject line and the body are one text for the phrases, split so "~" never joins across them.
  const text = `${m.subject}\n.\n${body}`;
  const language = detectLanguage(text);
  const hits = findHits(text);
  if (hits.length === 0) {
    const subjectHit = firstMatch(generic, m.subject);
    if (subjectHit !== undefined) hits.push({ type: 'access', phrase: subjectHit, weight: GENERIC_SUBJECT_WEIGHT });
  }
  const demands = toDemands(hits);
  const matched = [...new Set(demands.flatMap((d) => d.matched))];
  const primary = demands.find((d) => d.confidence >= CONFIDENT);
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
  const hits: Hit[] = [];
  for (const { type, regex, weight, negative } of phrases) {
    for (const found of searchable.matchAll(regex)) {
      const before = clauseBefore(searchable, found.index);
      if (!negative && (negated.test(lastWords(before, 3)) || unwanted.test(before))) continue;
      const phrase = text.slice(found.index, found.index + found[0].length).replace(/\s+/g, ' ').trim();
      hits.push({ type, phrase, weight: mentioned.test(before) ? weight * MENTION_FACTOR : weight });
    }
  }
  return hits;
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

/** The text of the same clause before a match: a "не" in another clause or sentence says nothing about it. */
function clauseBefore(text: string, index: number): string {
  const start = text.slice(Math.max(0, index - 80), index);
  const parts = start.split(/[.!?;,:()«»"]|\n\s*\n|\s[-–—]\s|\s(?:и|но|а|and|but)\s/iu);
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
