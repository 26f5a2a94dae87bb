import { describe, expect, it } from 'vitest';
import { findCitations } from '../../../domain/intake/citations';

describe('the articles a letter cites', () => {
  it.each([
    ['На основании ч. 5.1 ст. 21 Федерального закона от 27.07.2006 № 152-ФЗ требую', 'ч. 5.1 ст. 21', ['cease_processing']],
    ['в соответствии с частью 5.1 статьи 21 Закона о персональных данных', 'частью 5.1 статьи 21', ['cease_processing']],
    ['статья 21 часть 5.1', 'статья 21 часть 5.1', ['cease_processing']],
    ['ст.21 п.5.1 152-ФЗ', 'ст.21 п.5.1', ['cease_processing']],
    ['Pursuant to Art. 21(5.1) of Federal Law No. 152-FZ, I demand', 'Art. 21(5.1)', ['cease_processing']],
    ['under part 5.1 of Article 21 of the law', 'part 5.1 of Article 21', ['cease_processing']],
    ['ч. 5 ст. 21 152-ФЗ', 'ч. 5 ст. 21', ['withdrawal']],
    ['Руководствуясь ч. 2 ст. 9 152-ФЗ', 'ч. 2 ст. 9', ['withdrawal']],
    ['ст. 9 ФЗ-152', 'ст. 9', ['withdrawal']],
    ['по ст. 14 152-ФЗ', 'ст. 14', ['access']],
    ['ч. 7 ст. 14', 'ч. 7 ст. 14', ['access']],
    ['ч. 1 ст. 14', 'ч. 1 ст. 14', ['access', 'correction', 'blocking', 'deletion']],
    ['ст. 15 152-ФЗ', 'ст. 15', ['cease_processing']],
    ['ч. 2 ст. 15', 'ч. 2 ст. 15', ['cease_processing']],
    ['ч. 1 ст. 20', 'ч. 1 ст. 20', ['access']],
    ['ч. 3 ст. 20', 'ч. 3 ст. 20', ['correction', 'deletion']],
    ['ст. 21', 'ст. 21', ['blocking', 'correction', 'deletion', 'cease_processing']],
    ['ч. 1 ст. 21', 'ч. 1 ст. 21', ['blocking']],
    ['ч. 2 ст. 21', 'ч. 2 ст. 21', ['correction']],
    ['ч. 3 ст. 21', 'ч. 3 ст. 21', ['cease_processing', 'deletion']],
    ['ч. 4 ст. 21', 'ч. 4 ст. 21', ['deletion']],
    ['ст. 20/21', 'ст. 20/21', ['access', 'correction', 'deletion', 'blocking', 'cease_processing']],
    ['ст.ст. 14 и 15 152-ФЗ', 'ст.ст. 14 и 15', ['access', 'cease_processing']],
  ])('%s → %s', (text, phrase, types) => {
    expect(findCitations(text)).toEqual([{ phrase, types }]);
  });

  it('reads the advertising law, cited by article or by name, as a demand to stop (38-FZ)', () => {
    expect(findCitations('ч. 1 ст. 18 38-ФЗ')).toEqual([
      { phrase: 'ч. 1 ст. 18', types: ['cease_processing'] }, { phrase: '38-ФЗ', types: ['cease_processing'] },
    ]);
    expect(findCitations('нарушает Закон о рекламе')).toEqual([{ phrase: 'Закон о рекламе', types: ['cease_processing'] }]);
    expect(findCitations('ФЗ № 38 и the Advertising Law').map((c) => c.phrase)).toEqual(['ФЗ № 38', 'Advertising Law']);
  });

  it('leaves out what names no demand: an article or part the table does not list, a page, a word that only starts like one', () => {
    expect(findCitations('ст. 6 152-ФЗ, ч. 1 ст. 6, ч. 4 ст. 9, ч. 2 ст. 20, ч. 7 ст. 21')).toEqual([]);
    expect(findCitations('стр. 14 инструкции, стоимость 15 тыс., статус 21')).toEqual([]);
    expect(findCitations('п. 5.1 договора, part 2 of the manual')).toEqual([]);
  });

  it('leaves out an article of another law, named after it or just before it', () => {
    for (const text of [
      'ст. 15 ГК РФ', 'ст. 14 договора поставки', 'Article 15 GDPR', 'GDPR Art. 15', 'ст. 15 Закона о защите прав потребителей',
      'ст. 21 ТК', 'ст. 14 44-ФЗ', 'п. 14 политики', 'ст. 9 Конституции', 'art. 21 of the contract',
    ]) expect([text, findCitations(text)]).toEqual([text, []]);
  });

  it('takes the law named after a citation only within its sentence and before the next citation', () => {
    expect(findCitations('Прошу ответить по ст. 14. Счёт выставлен по договору.')).toEqual([{ phrase: 'ст. 14', types: ['access'] }]);
    expect(findCitations('ст. 14 и ст. 15 ГК РФ')).toEqual([{ phrase: 'ст. 14', types: ['access'] }]);
    expect(findCitations('ст. 15 ГК РФ и ст. 14 152-ФЗ')).toEqual([{ phrase: 'ст. 14', types: ['access'] }]);
    expect(findCitations('ст. 14 Федерального закона № 152-ФЗ, а не договора')).toEqual([{ phrase: 'ст. 14', types: ['access'] }]);
    expect(findCitations('ст. 14; договор № 5')).toEqual([{ phrase: 'ст. 14', types: ['access'] }]);
  });

  it('writes the citation as the letter did, a line break read as one space', () => {
    expect(findCitations('ч.\n5.1   ст.  21')).toEqual([{ phrase: 'ч. 5.1 ст. 21', types: ['cease_processing'] }]);
  });
});
