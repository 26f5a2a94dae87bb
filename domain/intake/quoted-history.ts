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
