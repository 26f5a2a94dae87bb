import { describe, expect, it } from 'vitest';
import { maskDigits, maskDocumentNumbers } from '../../../domain/intake/mask-documents';

/** Where masking starts: a document word needs a number of four digits or more behind it; two digits stay. */
describe('maskDocumentNumbers at its boundaries', () => {
  it('masks a number of four digits after a document word, not one of three', () => {
    expect(maskDocumentNumbers('ИНН 123')).toBe('ИНН 123');
    expect(maskDocumentNumbers('ИНН 1234')).toBe('ИНН **34');
    expect(maskDocumentNumbers('ИНН 12 34')).toBe('ИНН ** 34');
  });

  it('keeps the last two digits only, whatever stands between them', () => {
    expect(maskDigits('12')).toBe('12');
    expect(maskDigits('123')).toBe('*23');
    expect(maskDigits('a1b2c3')).toBe('a*b2c3');
  });
});
