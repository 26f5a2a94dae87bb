import { describe, expect, it } from 'vitest';
import { classify, detectLanguage } from '../../../domain/intake/classify';

/** What the officer sees of a classification beyond its type: the phrases as the letter wrote them, the language. */
describe('matched phrases', () => {
  it('are quoted as the letter wrote them: ё kept, runs of spaces and line breaks made one space', () => {
    expect(classify({ subject: '', text: 'Ещё раз: желаю отозвать своё согласие на обработку моих персональных данных.' }).matched)
      .toEqual(['отозвать своё согласие']);
    expect(classify({ subject: '', text: 'Прошу  удалить   все мои\nперсональные данные.' }).matched)
      .toEqual(['удалить все мои персональные данные']);
  });

  it('add up for one demand, each phrase listed once', () => {
    const c = classify({ subject: '', text: 'Прошу удалить мои данные; прошу удалить все мои персональные данные. Повторю: удалить мои данные.' });
    expect(c).toMatchObject({ requestType: 'deletion', confidence: 0.99 });
    expect(c.matched).toEqual(['удалить мои данные', 'удалить все мои персональные данные']);
  });
});

describe('detectLanguage', () => {
  it('is English when less than 30 % of the letters are Cyrillic, Russian otherwise and when there are no letters', () => {
    expect(detectLanguage('Abcdefg Вг')).toBe('en'); // 2 of 9
    expect(detectLanguage('abcdefg Вгд')).toBe('ru'); // 3 of 10: exactly 30 %
    expect(detectLanguage('Ab Вг')).toBe('ru');
    expect(detectLanguage('Only Latin here')).toBe('en');
    expect(detectLanguage('Только кириллица')).toBe('ru');
    expect(detectLanguage('12 345')).toBe('ru');
  });
});
