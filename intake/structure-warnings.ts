/**
 * Damage postal-mime repairs silently, named for the triage view: a multipart whose closing boundary never
 * comes (truncated in transit) and charset labels no decoder knows (the text is then read as windows-1252).
 */
import type { Header } from 'postal-mime';
import type { Prescan } from './mime-prescan';

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

export function structureWarnings(scan: Prescan, headers: Header[]): string[] {
  const warnings: string[] = [];
  const contentType = headers.find((h) => h.key === 'content-type')?.value ?? '';
  const boundary = /boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;]{1,200}))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (/^\s*multipart\//i.test(contentType) && marker && !scan.closes(marker)) {
    warnings.push('multipart: the closing boundary is missing (message truncated?); the parts present were read');
  }
  for (const label of scan.charsetLabels) {
    if (!knownCharset(label)) warnings.push(`charset "${label}" is unknown: read as windows-1252`);
  }
  return warnings;
}
