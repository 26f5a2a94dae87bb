/**
 * Damage postal-mime repairs silently, named for the triage view: a multipart whose closing boundary never
 * comes (truncated in transit) and charset labels no decoder knows (the text is then read as windows-1252).
 */
import type { Header } from 'postal-mime';

const MAX_LABELS = 20;

function knownCharset(label: string): boolean {
  for (const candidate of [label, label.replace(/^x-/, ''), label.replace(/[-_]/g, '')]) {
    try {
      new TextDecoder(candidate);
      return true;
    } catch {
      // try the next spelling
    }
  }
  return false;
}

export function structureWarnings(raw: Buffer, headers: Header[]): string[] {
  const warnings: string[] = [];
  const contentType = headers.find((h) => h.key === 'content-type')?.value ?? '';
  const boundary = /boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;]{1,200}))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (/^\s*multipart\//i.test(contentType) && marker && raw.indexOf(`--${marker}--`) < 0) {
    warnings.push('multipart: the closing boundary is missing (message truncated?); the parts present were read');
  }
  const labels = new Set<string>();
  for (const m of raw.toString('latin1').matchAll(/charset\s*=\s*"?([a-z0-9_.:+-]{1,40})/gi)) {
    labels.add(m[1]!.toLowerCase());
    if (labels.size >= MAX_LABELS) break;
  }
  for (const label of labels) {
    if (!knownCharset(label)) warnings.push(`charset "${label}" is unknown: read as windows-1252`);
  }
  return warnings;
}
