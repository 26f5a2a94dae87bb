/**
 * The top-level header block read as bytes. postal-mime decodes header bytes as UTF-8, which turns a cp1251
 * or KOI8-R Subject written raw (no encoded-word, no declared charset) into replacement characters; here
 * those headers are re-read from the original bytes with a guessed charset, and the guess is recorded.
 */
import { decodeWords } from 'postal-mime';
import { guessCharset } from './charset-detect';

const REREAD = new Set(['subject', 'from', 'to']);

/** The bytes before the first empty line, at most `limit` of them. */
export function headerBlock(raw: Buffer, limit: number): Buffer {
  const window = raw.subarray(0, Math.min(raw.length, limit));
  const crlf = window.indexOf('\r\n\r\n');
  const lf = window.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length ? window.subarray(0, Math.min(...ends)) : window;
}

/** Header lines with their folded continuations joined, as byte slices (name, value), top to bottom. */
export function unfoldedLines(block: Buffer): Array<{ name: string; value: Buffer }> {
  const lines: Array<{ name: string; value: Buffer[] }> = [];
  let start = 0;
  while (start < block.length) {
    let end = block.indexOf(0x0a, start);
    if (end < 0) end = block.length;
    const line = block.subarray(start, end > start && block[end - 1] === 0x0d ? end - 1 : end);
    start = end + 1;
    const last = lines.at(-1);
    if ((line[0] === 0x20 || line[0] === 0x09) && last) {
      last.value.push(line);
      continue;
    }
    const colon = line.indexOf(0x3a);
    if (colon > 0) lines.push({ name: line.subarray(0, colon).toString('latin1').trim().toLowerCase(), value: [line.subarray(colon + 1)] });
  }
  return lines.map((l) => ({ name: l.name, value: Buffer.concat(l.value) }));
}

function hasHighBytes(bytes: Buffer): boolean {
  return bytes.some((b) => b >= 0x80);
}

/**
 * Subject/From/To that hold raw 8-bit bytes, decoded with the guessed charset (encoded-words inside them
 * decoded too), and one warning per header saying what was guessed. Headers that are pure ASCII are left
 * to postal-mime.
 */
export function rawEightBitHeaders(raw: Buffer, limit: number): { values: Map<string, string>; warnings: string[] } {
  const values = new Map<string, string>();
  const warnings: string[] = [];
  for (const { name, value } of unfoldedLines(headerBlock(raw, limit))) {
    if (!REREAD.has(name) || values.has(name) || !hasHighBytes(value)) continue;
    const { charset, text } = guessCharset(value);
    values.set(name, decodeWords(text.trim()));
    warnings.push(`raw 8-bit ${name} header without a declared charset: read as ${charset}${charset === 'utf-8' ? '' : ' (guessed)'}`);
  }
  return { values, warnings };
}
