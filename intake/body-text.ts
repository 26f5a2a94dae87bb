/**
 * The body as plain text: the text part, or the HTML part converted (html-to-text, with input and depth
 * limits so a hostile document cannot stall it); the quoted history of a reply removed where recognisable.
 */
import { convert } from 'html-to-text';

/** Longest HTML converted; beyond it the text is cut (and a warning says so). */
export const MAX_HTML_CHARS = 2 * 1024 * 1024;

export function htmlToText(html: string, warnings: string[]): string {
  if (html.length > MAX_HTML_CHARS) warnings.push(`html body above ${MAX_HTML_CHARS} characters: converted up to there`);
  return convert(html.slice(0, MAX_HTML_CHARS), {
    wordwrap: false,
    limits: { maxInputLength: MAX_HTML_CHARS, maxDepth: 64, maxChildNodes: 10_000 },
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

const ATTRIBUTION = /^(?:on .{1,300} wrote:|.{1,300}\s(?:пишет|написал|написала|написал\(а\)):)$/i;

/**
 * Cuts the quoted history a reply carries below its own text: from an attribution line ("On … wrote:",
 * "… пишет:") followed only by quoted lines, or a trailing run of "> " lines. Forwarded letters are not
 * cut: there the quoted part is the request.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1]!.startsWith('>') || lines[end - 1]!.trim() === '')) end--;
  if (end > 0 && ATTRIBUTION.test(lines[end - 1]!.trim()) && end < lines.length) end--;
  const kept = lines.slice(0, end).join('\n').trimEnd();
  return kept === '' ? text.trim() : kept;
}

/** CR, LF, NUL and other control characters removed from a header value (header injection, NUL bytes). */
export function cleanHeaderValue(value: string, what: string, warnings: string[]): string {
  const cleaned = value.replace(/[\u0000-\u0008\u000a-\u001f\u007f]+/g, ' ').trim();
  if (cleaned !== value.trim()) warnings.push(`${what}: control characters (CR/LF/NUL) removed`);
  return cleaned;
}

/** NUL bytes removed from the body text; undecodable bytes are reported. */
export function cleanBodyText(text: string, warnings: string[]): string {
  let cleaned = text;
  if (cleaned.includes('\u0000')) {
    cleaned = cleaned.replaceAll('\u0000', '');
    warnings.push('body: NUL bytes removed');
  }
  if (cleaned.includes('\ufffd')) warnings.push('body: bytes that do not decode in the declared charset were replaced');
  return cleaned;
}
