import { describe, expect, it } from 'vitest';
import { isInn, isKpp, isOgrn } from '../../../operator/registration-numbers';

describe('operator registration numbers', () => {
  it('accepts the INN of an organisation (10 digits) and of an individual entrepreneur (12) only with matching check digits', () => {
    expect(isInn('7727344381')).toBe(true); // WELL ENGINEERING, seed 000
    expect(isInn('7801341446')).toBe(true); // JUG Ru Group, seed 003
    expect(isInn('500100732259')).toBe(true);
    expect(isInn('7727344382')).toBe(false);
    expect(isInn('500100732258')).toBe(false);
    expect(isInn('772734438')).toBe(false);
    expect(isInn(' 7727344381')).toBe(false);
  });

  it('accepts an OGRN (13 digits) or OGRNIP (15) only with a matching check digit', () => {
    expect(isOgrn('1187746434380')).toBe(true);
    expect(isOgrn('1177847388465')).toBe(true);
    expect(isOgrn('304500116000157')).toBe(true);
    expect(isOgrn('1187746434381')).toBe(false);
    expect(isOgrn('304500116000158')).toBe(false);
    expect(isOgrn('11877464343')).toBe(false);
  });

  it('accepts a KPP of 9 characters with a digit or capital-letter reason code', () => {
    expect(isKpp('780101001')).toBe(true);
    expect(isKpp('7701AB001')).toBe(true);
    expect(isKpp('78010100')).toBe(false);
    expect(isKpp('7801ab001')).toBe(false);
  });
});
