import { describe, expect, it } from 'vitest';
import { classify, CONFIDENT, detectLanguage, PRIMARY_ORDER } from '../../../domain/intake/classify';
import { GAPS, HARDER, LETTERS, RULES } from './letters';

const byOrder = (types: string[]) => [...types].sort((a, b) => PRIMARY_ORDER.indexOf(a as never) - PRIMARY_ORDER.indexOf(b as never));

describe('the classifier on realistic letters', () => {
  it('has a table of at least 80 letters', () => {
    expect(LETTERS.length + HARDER.length).toBeGreaterThanOrEqual(80);
  });

  it.each([...LETTERS, ...HARDER, ...GAPS, ...RULES])('%s', (_what, subject, text, type, types, triage) => {
    const c = classify({ subject, text });
    expect(c.requestType).toBe(type);
    expect(c.demands.map((d) => d.type)).toEqual(byOrder(types));
    expect(c.triage).toBe(type === null ? triage : undefined);
  });
});

describe('what the classifier shows the officer', () => {
  it('lists every phrase as written in the letter, a wrapped line read as one space', () => {
    const text = 'Требую ЗАБЛОКИРОВАТЬ мои данные, затем уничтожить их.\nИ сообщите, откуда вы\nполучили мои данные.';
    const c = classify({ subject: '', text });
    expect(c.demands).toEqual([
      { type: 'blocking', confidence: 0.9, matched: ['ЗАБЛОКИРОВАТЬ мои данные'] },
      { type: 'deletion', confidence: 0.75, matched: ['уничтожить их'] },
      { type: 'access', confidence: 0.85, matched: ['откуда вы получили мои данные'] },
    ]);
    expect(c.matched).toEqual(['ЗАБЛОКИРОВАТЬ мои данные', 'уничтожить их', 'откуда вы получили мои данные']);
    expect(c.confidence).toBe(0.9);
  });

  it('keeps ё as written while reading it as е', () => {
    expect(classify({ subject: '', text: 'Отзываю своё согласие.' }).matched).toEqual(['Отзываю своё согласие']);
  });

  it('adds up several phrases of one demand, never to certainty', () => {
    const c = classify({ subject: 'Отзыв согласия', text: 'Отзываю согласие. I withdraw my consent. Consent withdrawn.' });
    expect(c.demands[0]).toMatchObject({ type: 'withdrawal', confidence: 0.99 });
    expect(c.demands[0]?.matched).toHaveLength(4);
  });

  it('opens on the most protective demand: withdrawal, blocking, deletion, cease, correction, access', () => {
    expect(PRIMARY_ORDER).toEqual(['withdrawal', 'blocking', 'deletion', 'cease_processing', 'correction', 'access']);
    const all = 'Сообщите, какие данные обо мне вы храните. Исправьте мои данные. Прекратите обработку. Удалите мои данные. Заблокируйте мои данные.';
    expect(classify({ subject: '', text: all }).requestType).toBe('blocking');
    expect(classify({ subject: '', text: `${all} Отзываю согласие.` }).requestType).toBe('withdrawal');
  });

  it('does not open on an unsure demand when a sure one stands below it in the order', () => {
    const c = classify({ subject: '', text: 'Unsubscribe. Please tell me what personal data you hold about me.' });
    expect(c.requestType).toBe('access');
    expect(c.demands.map((d) => [d.type, d.confidence >= CONFIDENT])).toEqual([['withdrawal', false], ['access', true]]);
  });

  it('reads the generic policy subject only when the body names no demand', () => {
    expect(classify({ subject: 'Personal Data Request', text: '' })).toMatchObject({
      requestType: null, triage: 'low_confidence', confidence: 0.4, matched: ['Personal Data Request'],
    });
    expect(classify({ subject: 'Personal Data Request', text: 'Удалите мои данные' }).matched).toEqual(['Удалите мои данные']);
  });
});

describe('language', () => {
  it.each([
    ['Прошу удалить мои данные', 'ru'],
    ['Please delete my data', 'en'],
    ['Please delete my data. Иванов И.', 'en'],
    ['Добрый день, please delete my data. Спасибо, Иван Петров', 'ru'],
    ['12345 !!!', 'ru'],
    ['', 'ru'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
    expect(classify({ subject: '', text }).language).toBe(language);
  });
});
