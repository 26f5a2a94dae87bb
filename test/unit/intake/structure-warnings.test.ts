import type { Header } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { prescan } from '../../../intake/mime-prescan';
import { structureWarnings } from '../../../intake/structure-warnings';

/** The damage postal-mime repairs silently, as the triage view names it. */
const TRUNCATED = 'multipart: the closing boundary is missing (message truncated?); the parts present were read';
const warnings = (raw: string, contentType: string) =>
  structureWarnings(prescan(Buffer.from(raw, 'latin1'), 1_000), [{ key: 'content-type', originalKey: 'Content-Type', value: contentType } as Header]);

describe('structureWarnings', () => {
  it.each([
    ['a quoted boundary', 'multipart/mixed; boundary="a b"', '--a b\nx\n'],
    ['a bare boundary', 'multipart/mixed; boundary=ab', '--ab\nx\n'],
    ['spaces around "=" and more parameters after it', 'multipart/mixed; boundary = ab; charset=x', '--ab\nx\n'],
    ['a type in capitals after a space', ' Multipart/Mixed; BOUNDARY=ab', '--ab\nx\n'],
  ])('warns about a multipart never closed, with %s', (_, contentType, raw) => {
    expect(warnings(raw, contentType)).toEqual([TRUNCATED]);
    expect(warnings(`${raw}--${/boundary\s*=\s*"?([^";]+)/i.exec(contentType)![1]!.trim()}--\n`, contentType)).toEqual([]);
  });

  it('does not warn for a boundary on a type that is not multipart, nor a multipart without a boundary', () => {
    expect(warnings('--ab\nx\n', 'text/plain; boundary=ab')).toEqual([]);
    expect(warnings('--ab\nx\n', 'text/multipart; boundary=ab')).toEqual([]);
    expect(warnings('--ab\nx\n', 'multipart/mixed')).toEqual([]);
  });

  it.each([
    ['a label the decoder knows', 'koi8_r'],
    ['"x-" before a known label', 'x-utf-8'],
    ['"-" or "_" where the known label has none', 'utf_8'],
  ])('knows a charset written as %s', (_, label) => {
    expect(warnings(`Content-Type: text/plain; charset=${label}\n\nx`, 'text/plain')).toEqual([]);
  });

  it('names each unknown charset label', () => {
    expect(warnings('Content-Type: text/plain; charset=x-klingon\n\nx\nContent-Type: text/plain; charset=windows_1251\n', 'text/plain')).toEqual([
      'charset "x-klingon" is unknown: read as windows-1252', 'charset "windows_1251" is unknown: read as windows-1252',
    ]);
  });
});
