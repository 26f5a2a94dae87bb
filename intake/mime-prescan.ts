/**
 * One linear pass over the raw bytes before postal-mime sees them: the declared multipart boundaries, the
 * number of parts they delimit (postal-mime slows down on tens of thousands of parts, so their number is
 * capped before parsing), the charset labels, and whether the top-level multipart is closed.
 */

const MAX_BOUNDARIES = 1_000;
const MAX_LABELS = 20;

export interface Prescan {
  /** Delimiter lines of declared boundaries, counted up to the cap + 1. */
  partCount: number;
  charsetLabels: Set<string>;
  /** Whether the raw holds the close delimiter of `boundary`. */
  closes: (boundary: string) => boolean;
}

export function prescan(raw: Buffer, maxParts: number): Prescan {
  const text = raw.toString('latin1');
  const boundaries = new Set<string>();
  for (const m of text.matchAll(/boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi)) {
    boundaries.add(m[1] ?? m[2]!);
    if (boundaries.size >= MAX_BOUNDARIES) break;
  }
  let partCount = 0;
  if (boundaries.size) {
    for (let i = text.startsWith('--') ? 0 : text.indexOf('\n--'); i >= 0 && partCount <= maxParts; i = text.indexOf('\n--', i + 1)) {
      const start = text[i] === '\n' ? i + 3 : i + 2;
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end < 0 ? text.length : Math.min(end, start + 210)).trimEnd();
      if (boundaries.has(line) || (line.endsWith('--') && boundaries.has(line.slice(0, -2)))) partCount++;
    }
  }
  const charsetLabels = new Set<string>();
  for (const m of text.matchAll(/charset\s*=\s*"?([a-z0-9_.:+-]{1,40})/gi)) {
    charsetLabels.add(m[1]!.toLowerCase());
    if (charsetLabels.size >= MAX_LABELS) break;
  }
  return { partCount, charsetLabels, closes: (boundary) => text.includes(`--${boundary}--`) };
}
