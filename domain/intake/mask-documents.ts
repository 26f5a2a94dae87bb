/**
 * Masks identity-document numbers (passport, licence, SNILS, INN …) in any text that does not need them: logs,
 * CLI output, triage previews. At most the last two digits stay, separators stay so the shape is recognisable:
 * "паспорт серия 45 12 номер 345678" → "паспорт серия ** ** номер ****78". Contract and order numbers are not
 * identity documents and stay (the officer needs them to find the subject).
 */

/** Keeps at most the last two digits of `value`; every other digit becomes `*`. */
export function maskDigits(value: string): string {
  const total = value.replace(/\D/g, '').length;
  let seen = 0;
  return value.replace(/\d/g, (digit) => (++seen > total - 2 ? digit : '*'));
}

const KEYWORD = [
  'паспорт\\p{L}*', 'загранпаспорт\\p{L}*', 'удостоверени\\p{L}*', 'снилс', 'инн', 'свидетельств\\p{L}*',
  'вид\\p{L}* на жительство', 'passport', 'licen[cs]e', 'id card', 'identity card', 'national id', 'snils', 'inn',
].join('|');
/** What may stand between a document word and its number, and inside the number: "серия 45 12 № 345678". */
const NUMBER_TAIL = '(?:[\\s:№#-]|серия|серии|сер\\.|номер|ном\\.|рф|no\\.?|n(?=\\s*\\d)|number|[a-z]{1,2}(?=\\s?\\d)|\\d)*\\d';

const anchored = new RegExp(`(?<![\\p{L}])(?:${KEYWORD})(?![\\p{L}])(?:\\s+(?:гражданина\\s+)?(?:рф|российской федерации|of the russian federation))?${NUMBER_TAIL}`, 'giu');
/** Numbers shaped like a Russian passport or SNILS, even with no word before them. */
const shaped = [
  /(?<![\d*])\d{2} ?\d{2} ?№? ?\d{6}(?![\d])/g,
  /(?<![\d*])\d{3}-\d{3}-\d{3}[ -]\d{2}(?![\d])/g,
];

export function maskDocumentNumbers(text: string): string {
  let masked = text.replace(anchored, (found) => {
    const firstDigit = found.search(/\d/);
    if (firstDigit < 0) return found;
    const digits = found.slice(firstDigit).replace(/\D/g, '').length;
    // A word followed by a short number (паспорт 1, ИНН не помню) is no document number.
    return digits < 4 ? found : found.slice(0, firstDigit) + maskDigits(found.slice(firstDigit));
  });
  for (const regex of shaped) masked = masked.replace(regex, maskDigits);
  return masked;
}
