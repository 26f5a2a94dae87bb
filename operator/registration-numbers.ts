import { checkINN, checkOgrn, checkOgrnip } from 'ru-validation-codes';

/**
 * Russian registration numbers of an operator, checked with the published check-digit algorithms
 * (ru-validation-codes): a typo in the INN or OGRN would otherwise end up on every letter and act.
 */

/** INN: 10 digits for an organisation, 12 for an individual entrepreneur. */
export function isInn(value: string): boolean {
  return checkINN(value);
}

/** OGRN (13 digits, organisation) or OGRNIP (15 digits, individual entrepreneur). */
export function isOgrn(value: string): boolean {
  return value.length === 15 ? checkOgrnip(value) : checkOgrn(value);
}

/** KPP has no check digit: 4 digits (tax office), 2 digits or capital Latin letters (reason), 3 digits. */
export function isKpp(value: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(value);
}
