import { describe, expect, it } from 'vitest';
import { extractIdentity, maskDocumentNumbers, missingItems } from '../../../domain/intake/identity';

const from = { name: 'Ivan', email: 'ivan@example.ru' };
const identity = (text: string, over: { signed?: boolean; forwardedFrom?: { name?: string; email: string } } = {}) =>
  extractIdentity({ from, text, signed: false, ...over });

const FULL_RU = `Я, Иванов Иван Иванович, паспорт серия 45 12 номер 345678, выдан ОУФМС России по г. Москве по району
Хамовники 01.03.2015, код подразделения 770-001, прошу удалить мои данные. Договор № 123/45 от 12.03.2024.

С уважением,
Иванов Иван Иванович`;

describe('the subject identity from a letter (art. 14 p.3)', () => {
  it('reads a complete Russian request: nothing is missing, the passport number is masked', () => {
    const id = identity(FULL_RU.replace('по району\n', 'по району '));
    expect(id).toEqual({
      name: 'Иванов Иван Иванович',
      email: 'ivan@example.ru',
      documents: [{ kind: 'passport_ru', masked: '** ** ****78', issuedOn: '2015-03-01', issuedBy: 'ОУФМС России по г. Москве по району Хамовники' }],
      relations: [{ kind: 'contract', value: '123/45 (2024-03-12)' }],
      signature: true,
    });
    expect(missingItems(id)).toEqual([]);
    expect(JSON.stringify(id)).not.toMatch(/345678|4512|45 12/);
  });

  it.each([
    ['4512 345678, выдан 1 марта 2015 г. ОВД Хамовники г. Москвы', { issuedOn: '2015-03-01', issuedBy: 'ОВД Хамовники г. Москвы' }],
    ['паспорт РФ 45 12 345678 выдан 01.03.2015 ОВД района Хамовники, код подразделения 770-001', { issuedOn: '2015-03-01', issuedBy: 'ОВД района Хамовники' }],
    ['паспорт: 4512345678, дата выдачи 2015-03-01, кем выдан: ТП УФМС по Тверской обл.', { issuedOn: '2015-03-01', issuedBy: 'ТП УФМС по Тверской обл' }],
  ])('reads a Russian passport written as "%s"', (written, issue) => {
    const id = identity(`Паспорт ${written.replace(/^паспорт:? (РФ )?/i, '')}`);
    expect(id.documents).toEqual([{ kind: 'passport_ru', masked: '** ** ****78', ...issue }]);
  });

  it('reads foreign and other identity documents', () => {
    const id = identity('Passport no. AB1234567 issued by HM Passport Office on 12 May 2019.\nBest regards,\nJohn Smith');
    expect(id.documents).toEqual([{ kind: 'passport', masked: 'AB*****67', issuedOn: '2019-05-12', issuedBy: 'HM Passport Office' }]);
    expect(id.name).toBe('John Smith');
    expect(identity('Загранпаспорт № 75 1234567').documents).toEqual([{ kind: 'passport_ru_foreign', masked: '** *****67' }]);
    expect(identity('водительское удостоверение 77 12 345678').documents[0]).toMatchObject({ kind: 'driving_licence_ru', masked: '** ** ****78' });
  });

  it('lists an identity document without issue date or issuer as still missing', () => {
    expect(missingItems(identity('паспорт 4512 345678. Договор № 77. С уважением, Иванов И.И.'))).toEqual(['identity_document']);
  });

  it.each([
    ['договор № 123/45 от 12.03.2024', { kind: 'contract', value: '123/45 (2024-03-12)' }],
    ['по договору N 7-Р', { kind: 'contract', value: '7-Р' }],
    ['заказ № A-5531', { kind: 'order', value: 'A-5531' }],
    ['Order #88123', { kind: 'order', value: '88123' }],
    ['лицевой счёт № 1002003', { kind: 'account', value: '1002003' }],
    ['Customer ID: 77812', { kind: 'account', value: '77812' }],
    ['счёт № 5531', { kind: 'invoice', value: '5531' }],
  ])('relates the subject to the operator by "%s"', (text, relation) => {
    const id = identity(text);
    expect(id.relations).toEqual([relation]);
    expect(missingItems(id)).not.toContain('relation_to_operator');
  });

  it('records "I am your customer" for the officer but still asks for proof of the relation', () => {
    const id = identity('Я являюсь вашим клиентом уже три года.');
    expect(id.relations).toEqual([{ kind: 'statement', value: 'Я являюсь вашим клиентом' }]);
    expect(missingItems(id)).toContain('relation_to_operator');
  });

  it('counts a signature block, a "Подпись:" line or an electronic signature as signed', () => {
    expect(identity('удалите мои данные').signature).toBe(false);
    expect(identity('удалите мои данные', { signed: true }).signature).toBe(true);
    expect(identity('удалите мои данные\n\nС уважением, Петров П.П.').signature).toBe(true);
    expect(identity('удалите мои данные\nПодпись: /Петров/').signature).toBe(true);
    expect(missingItems(identity('удалите мои данные'))).toEqual(['identity_document', 'relation_to_operator', 'signature']);
  });

  it('takes the name from the signature block, the letter, or else the sender; the forwarded sender is the subject', () => {
    expect(identity('Меня зовут Анна Сидорова, удалите мои данные.').name).toBe('Анна Сидорова');
    expect(identity('удалите мои данные').name).toBe('Ivan');
    expect(identity('Я, Петров Пётр Петрович, прошу удалить мои данные.').name).toBe('Петров Пётр Петрович');
    expect(identity('Kind regards, and thanks for the help').name).toBe('Ivan');
    const forwarded = identity('Пересылаю письмо клиента.', { forwardedFrom: { name: 'Пётр Петров', email: 'petrov@example.ru' } });
    expect(forwarded).toMatchObject({ name: 'Пётр Петров', email: 'petrov@example.ru' });
  });

  it('asks a representative for the authority unless the power of attorney is named or attached', () => {
    const bare = identity('Действую в интересах моей матери, Сидоровой Анны Петровны.');
    expect(bare.representative).toBe(true);
    expect(missingItems(bare)).toContain('representative_authority');
    const named = identity('Действую по доверенности № 77 АБ 1234567 от 01.02.2025 в интересах Сидоровой А.П.');
    expect(named.authority).toBe('доверенности № 77 АБ 1234567 от 01.02.2025');
    expect(missingItems(named)).not.toContain('representative_authority');
    expect(identity('I write on behalf of my father. A copy of the power of attorney is attached.').authority).toBe('power of attorney is attached');
    expect(identity('удалите мои данные').representative).toBeUndefined();
  });
});

describe('masking document numbers in any output that does not need them', () => {
  it.each([
    ['паспорт серия 45 12 номер 345678, выдан 01.03.2015', 'паспорт серия ** ** номер ****78, выдан 01.03.2015'],
    ['Паспорт РФ 4512 345678', 'Паспорт РФ **** ****78'],
    ['passport no. AB1234567', 'passport no. AB*****67'],
    ['СНИЛС 123-456-789 01', 'СНИЛС ***-***-*** 01'],
    ['ИНН 770123456789', 'ИНН **********89'],
    ['мой паспорт 4512345678', 'мой паспорт ********78'],
    ['4512 345678', '**** ****78'],
    ['снилс: 123-456-789-01', 'снилс: ***-***-***-01'],
  ])('%s → %s', (text, masked) => {
    expect(maskDocumentNumbers(text)).toBe(masked);
  });

  it('leaves contract, order and short numbers, dates and ordinary text alone', () => {
    const text = 'Договор № 123/45 от 12.03.2024, заказ № 5531, паспорт 1 экз., код подразделения 770-001.';
    expect(maskDocumentNumbers(text)).toBe(text);
  });

  it('masks every document in a whole letter, leaving no more than two digits of each', () => {
    const masked = maskDocumentNumbers(FULL_RU);
    expect(masked).toContain('серия ** ** номер ****78');
    expect(masked).not.toMatch(/3456|45 12/);
  });
});
