import { describe, expect, it } from 'vitest';
import { extractIdentity, missingItems } from '../../../domain/intake/identity';

/** Where a document's issue clause ends, what counts as its issuer, and what the officer is then asked for. */
const from = { name: 'Ivan', email: 'ivan@example.ru' };
const identity = (text: string) => extractIdentity({ from, text, signed: false });
const passport = (text: string) => identity(text).documents[0];

describe('the issue clause after a document number', () => {
  it.each([
    ['a contract', 'паспорт 4512 345678. Договор № 5 от 01.02.2020'],
    ['a request', 'паспорт 4512 345678 прошу удалить данные от 01.02.2020'],
    ['an English request', 'паспорт 4512 345678 please delete what you hold of 01.02.2020'],
    ['an order', 'паспорт 4512 345678, заказ от 01.02.2020'],
    ['an English order', 'паспорт 4512 345678, order dated 01.02.2020'],
    ['a contract in English', 'паспорт 4512 345678, contract of 01.02.2020'],
    ['a blank line', 'паспорт 4512 345678\n\nПисьмо от 01.02.2020'],
    ['a blank line with spaces', 'паспорт 4512 345678\n  \nПисьмо от 01.02.2020'],
  ])('ends at %s: a later date is not the issue date', (_, text) => {
    expect(passport(text)).toEqual({ kind: 'passport_ru', masked: '** ** ****78' });
  });

  it('reads the issue date and issuer only within 300 characters of the number', () => {
    const near = `паспорт 4512 345678 ${'x'.repeat(250)} выдан ОВД 01.02.2020`;
    expect(passport(near)).toMatchObject({ issuedOn: '2020-02-01' });
    expect(passport(`паспорт 4512 345678 ${'x'.repeat(300)} выдан ОВД 01.02.2020`)).toEqual({ kind: 'passport_ru', masked: '** ** ****78' });
  });

  it.each([
    ['a semicolon', 'паспорт 4512 345678 кем выдан: ОВД Тверского р-на; дата выдачи 01.02.2020', '2020-02-01'],
    ['a comma and a date', 'паспорт 4512 345678 выдан ОВД Тверского р-на, 01.02.2020', '2020-02-01'],
    ['"дата выдачи"', 'паспорт 4512 345678 выдан ОВД Тверского р-на дата выдачи 01.02.2020', '2020-02-01'],
    ['"от" and a date', 'паспорт 4512 345678 выдан ОВД Тверского р-на от 01.02.2020', '2020-02-01'],
    ['the division code', 'паспорт 4512 345678 выдан ОВД Тверского р-на код подразделения 770-001', undefined],
    ['the end of the line, trailing stops dropped', 'паспорт 4512 345678 выдан ОВД Тверского р-на...\nпрочее', undefined],
    ['the end of the text', 'паспорт 4512 345678 выдан ОВД Тверского р-на', undefined],
  ])('takes the issuer up to %s', (_, text, issuedOn) => {
    expect(passport(text)).toEqual({ kind: 'passport_ru', masked: '** ** ****78', ...(issuedOn ? { issuedOn } : {}), issuedBy: 'ОВД Тверского р-на' });
  });

  it('takes an English issuer up to ", on <date>"', () => {
    expect(identity('Passport 123456789 issued by HMPO, on 12 May 2019').documents).toEqual([
      { kind: 'passport', masked: '*******89', issuedOn: '2019-05-12', issuedBy: 'HMPO' },
    ]);
  });

  it('takes no issuer that has not two letters in a row', () => {
    expect(passport('паспорт 4512 345678 выдан 12')).toEqual({ kind: 'passport_ru', masked: '** ** ****78' });
    expect(passport('паспорт 4512 345678 выдан 01.02.2020 г. №7')).toEqual({ kind: 'passport_ru', masked: '** ** ****78', issuedOn: '2020-02-01' });
  });

  it('reads a passport number written with non-breaking spaces', () => {
    expect(passport('паспорт 45\u00a012\u00a0345678 выдан ОВД Хамовники 01.03.2015')).toEqual({
      kind: 'passport_ru', masked: '** ** ****78', issuedOn: '2015-03-01', issuedBy: 'ОВД Хамовники',
    });
  });
});

describe('relations, names and what is still missing', () => {
  it('lists each relation once and leaves out a date that is no calendar date', () => {
    expect(identity('договор № 5, договор № 5, договор № 6 от 32.13.2024').relations).toEqual([
      { kind: 'contract', value: '5' }, { kind: 'contract', value: '6' },
    ]);
  });

  it('takes no name from a sender whose name is blank', () => {
    const id = extractIdentity({ from: { name: '  ', email: 'a@example.ru' }, text: 'удалите мои данные', signed: false });
    expect(id).toEqual({ email: 'a@example.ru', documents: [], relations: [], signature: false });
  });

  it('writes the authority on one line, spaces collapsed', () => {
    expect(identity('Действую по\nдоверенности   №  77-АБ').authority).toBe('доверенности № 77-АБ');
  });

  it('asks for the identity document until it has its number, issue date and issuer', () => {
    const signed = '\nПодпись: /Петров/';
    expect(missingItems(identity(`паспорт 4512 345678 выдан 01.02.2020. Договор № 5.${signed}`))).toEqual(['identity_document']);
    expect(missingItems(identity(`паспорт 4512 345678 выдан ОВД Хамовники. Договор № 5.${signed}`))).toEqual(['identity_document']);
    expect(missingItems(identity(`паспорт 4512 345678 выдан ОВД Хамовники 01.02.2020. Договор № 5.${signed}`))).toEqual([]);
  });

  it('does not ask a representative who names the power of attorney for it', () => {
    expect(missingItems(identity('По доверенности № 77-АБ от 01.02.2025 прошу удалить данные Сидоровой А.П.'))).not.toContain('representative_authority');
    expect(missingItems(identity('В интересах Сидоровой А.П. прошу удалить её данные.'))).toContain('representative_authority');
  });
});
