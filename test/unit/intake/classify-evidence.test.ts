import { describe, expect, it } from 'vitest';
import { classify } from '../../../domain/intake/classify';

const of = (text: string, subject = '') => classify({ subject, text });
const demands = (text: string) => of(text).demands.map((d) => [d.type, d.confidence]);

describe('a cited article', () => {
  it('raises a demand of its type the letter makes, once, and is listed with its phrases', () => {
    expect(of('Прекратите звонки, ч. 5.1 ст. 21 152-ФЗ.').demands).toEqual([
      { type: 'cease_processing', confidence: 0.9, matched: ['Прекратите звонки', 'ч. 5.1 ст. 21'] },
    ]);
    expect(of('Прекратите звонки (ч. 5.1 ст. 21, п. 5.1 ст. 21).').demands).toEqual([
      { type: 'cease_processing', confidence: 0.9, matched: ['Прекратите звонки', 'ч. 5.1 ст. 21'] },
    ]);
    expect(of('В базе неверные данные обо мне, ч. 2 ст. 21.')).toMatchObject({ requestType: 'correction', confidence: 0.75 });
    expect(of('В базе неверные данные обо мне.')).toMatchObject({ requestType: null, triage: 'low_confidence' });
  });

  it('does not raise a demand only asked about or reported, nor one of another type', () => {
    expect(of('Как отозвать согласие по ч. 2 ст. 9 152-ФЗ?')).toMatchObject({
      requestType: null, triage: 'low_confidence', demands: [{ type: 'withdrawal', confidence: 0.48, matched: ['отозвать согласие'] }],
    });
    expect(demands('Удалите мои данные, ст. 14 152-ФЗ.')).toEqual([['deletion', 0.9]]);
  });

  it('opens the case only when it names that one path: "ст. 21" names four, "ч. 3 ст. 20" two', () => {
    expect(of('Прекратите обработку и удалите мои данные (ст. 21 152-ФЗ).').requestType).toBe('deletion');
    expect(of('Прекратите обработку и исправьте мои данные (ч. 3 ст. 20 152-ФЗ).').requestType).toBe('cease_processing');
    expect(of('Прекратите обработку и исправьте мои данные (ч. 2 ст. 21 152-ФЗ).').requestType).toBe('correction');
    expect(of('Прекратите обработку и удалите мои данные (ч. 5.1 ст. 21 152-ФЗ).').requestType).toBe('cease_processing');
  });

  it('alone is a hint below CONFIDENT when it names one path, and nothing when it names several', () => {
    expect(of('Обращение по ч. 5.1 ст. 21 152-ФЗ.', 'Personal Data Request')).toMatchObject({
      requestType: null, triage: 'low_confidence', confidence: 0.4, demands: [{ type: 'cease_processing', confidence: 0.4, matched: ['ч. 5.1 ст. 21'] }],
    });
    expect(of('Обращение по ст. 21 Федерального закона о персональных данных.')).toMatchObject({ demands: [], triage: 'no_match' });
  });
});

describe('a correction that gives the new value', () => {
  it.each([
    ['Исправьте, пожалуйста, на Смирнова.'],
    ['Исправьте на «Смирнова».'],
    ['Поменяйте мой телефон на 8 (903) 111-22-33.'],
    ['Замените мою почту на ivan.new@example.ru.'],
    ['Измените дату рождения на 12.03.1985.'],
    ['Правильное написание моей фамилии: Смирнова.'],
    ['Правильное написание моей фамилии — Смирнова.'],
    ['Please correct it to Ivanova.'],
  ])('%s is a sure correction', (text) => {
    expect(of(text)).toMatchObject({ requestType: 'correction' });
  });

  it.each([
    ['Исправьте на смирнова.'],
    ['Поменяйте мой телефон на 903 111 22 3.'],
    ['Поменяйте мой телефон на +7 903 111 22 33 44 5.'],
    ['Правильное написание моей фамилии вы найдёте в паспорте Смирновой.'],
    ['Please correct it to include VAT.'],
  ])('%s is not one', (text) => {
    expect(of(text).demands.filter((d) => d.confidence >= 0.6)).toEqual([]);
  });
});

describe('a negation', () => {
  it('is a clause of its own in "не медля", "не позднее"', () => {
    expect(of('Прошу не медля удалить мои данные.').requestType).toBe('deletion');
    expect(of('Прошу не позднее пятницы удалить мои данные.').requestType).toBe('deletion');
    expect(of('Прошу не удалять мои данные.').demands).toEqual([]);
  });

  it('ends at a line that starts with a capital, not at the polite Вы', () => {
    expect(of('Я не хочу, чтобы мне звонили\nУдалите мой номер.').demands.map((d) => d.type)).toEqual(['deletion', 'cease_processing']);
    expect(of('Я не хочу, чтобы\nВы удалили мои данные.').demands).toEqual([]);
    // However long the letter before it.
    const long = 'Добрый день, пишу по поводу заказа насоса. '.repeat(3);
    expect(of(`${long}Я не хочу, чтобы мне звонили\nУдалите мой номер.`).demands.map((d) => d.type)).toEqual(['deletion', 'cease_processing']);
    expect(of(`${long}Мне звонили\nНе удаляйте мои данные.`).demands).toEqual([]);
  });

  it('of the ask: "I never asked you to delete", "я не просил удалять"', () => {
    expect(of('I never asked you to delete my data.').demands).toEqual([]);
    expect(of('Я не просил удалять мои данные.').demands).toEqual([]);
  });
});

describe('reported speech', () => {
  it('counts half: listed for the officer, never sure alone, sure when the letter repeats it', () => {
    expect(demands('Ранее я писал: удалите мои данные.')).toEqual([['deletion', 0.45]]);
    expect(demands('Ранее я писал: удалите мои данные. Удалите мои данные.')).toEqual([['deletion', 0.95]]);
  });
});

describe('stop calling me and remove my number', () => {
  it('opens cease_processing only when the cease is about contacting me and the deletion only about the contact', () => {
    expect(of('Удалите мой номер и прекратите звонки.').requestType).toBe('cease_processing');
    expect(of('Удалите мой номер и прекратите обработку моих данных.').requestType).toBe('deletion');
    expect(of('Удалите мой номер и мои данные из базы. Прекратите звонки.').requestType).toBe('deletion');
  });
});
