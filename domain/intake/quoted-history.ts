/**
 * Removes the quoted history of a reply, so that our own earlier letter ("your withdrawal of consent was received")
 * or the subject's earlier demand quoted back does not count as a new demand. Parsing already removes what it
 * recognises (ParsedMessage.text); this is the classifier's own guard for what got through.
 * A forwarded letter is NOT history: when an employee forwards the subject's letter, that letter is the request.
 */
const REPLY_HEADERS = [
  /^-{2,}\s*(?:original message|исходное сообщение)\s*-{2,}\s*$/imu,
  /^on .{1,200}wrote:\s*$/imu,
  /^.{1,200}(?:пишет|писал[аи]?|написал[аи]?):\s*$/imu,
  // mail.ru / yandex: "Среда, 1 декабря 2026, 10:00 +03:00 от Иван <ivan@example.ru>:"
  /^.{1,120}\sот\s.{0,120}<[^<>\s]+@[^<>\s]+>:\s*$/imu,
];

export function withoutQuotedHistory(text: string): string {
  let body = text;
  for (const header of REPLY_HEADERS) {
    const found = header.exec(body);
    if (found) body = body.slice(0, found.index);
  }
  return body
    .split(/\r?\n/)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n');
}

/**
 * Reported speech: what the subject says they wrote or asked before ("ранее я писал: «удалите мои данные»", "in my
 * previous email I asked you to delete my account") is history, not a live demand, unless the letter repeats it.
 * A past verb of writing or asking opens a span to the end of its sentence (to the closing quote when a quotation
 * follows); said in passing — "как я уже писал, …", "as I wrote before, …" — it covers only its own clause, and the
 * demand after the comma is live. What the operator said ("вы сообщили, что удалили…") is reported too. Not a report:
 * "я просил бы…" (a polite live demand) and "я написал это письмо, чтобы…" (this letter).
 */
const REPORTING = new RegExp(
  '(?<![\\p{L}])(?:(?:на)?писал\\p{L}{0,2}|(?:по)?просил\\p{L}{0,2}|(?:по)?требовал\\p{L}{0,2}|направил\\p{L}{0,2}|направлял\\p{L}{0,2}' +
  '|сообщ(?:ил|ал)\\p{L}{0,2}|ответил\\p{L}{0,2}|wrote|have written|asked|requested|demanded|e-?mailed|said|told|replied)(?![\\p{L}])' +
  '(?!\\s+бы(?![\\p{L}]))(?!\\s+(?:вам\\s+|you\\s+)?(?:это|данное|настоящее|this)(?![\\p{L}]))', 'giu');
const IN_PASSING = /(?<![\p{L}])(?:как|as)(?:\s+\p{L}+){0,2}\s+$/iu;
const SENTENCE_END = /[.!?…](?=\s|$)|\n\s*\n/u;
const QUOTATION = /^[^.!?\n]{0,40}?:\s*[«"“]/u;

/** A sentence is not longer: the search for its end stops here, so a text of reporting verbs stays linear. */
const LONGEST_SENTENCE = 600;

/** [start, end) of the reported spans in `text`, in order, overlapping ones merged. */
export function reportedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const found of text.matchAll(REPORTING)) {
    const start = found.index;
    const rest = text.slice(start, start + LONGEST_SENTENCE);
    const quote = QUOTATION.exec(rest);
    const closing = quote ? rest.slice(quote[0].length).search(/[»"”]/u) : -1;
    let length = closing >= 0 ? quote![0].length + closing + 1 : endOf(rest, SENTENCE_END);
    if (!quote && IN_PASSING.test(text.slice(Math.max(0, start - 24), start))) length = Math.min(length, endOf(rest, /,/u));
    const last = spans[spans.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], start + length);
    else spans.push([start, start + length]);
  }
  return spans;
}

/** Whether `index` lies in one of the spans (ordered and apart, as reportedSpans gives them). */
export function isReported(spans: ReadonlyArray<readonly [number, number]>, index: number): boolean {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = spans[middle]!;
    if (index < from) high = middle - 1;
    else if (index >= to) low = middle + 1;
    else return true;
  }
  return false;
}

function endOf(text: string, boundary: RegExp): number {
  const at = text.search(boundary);
  return at === -1 ? text.length : at;
}
