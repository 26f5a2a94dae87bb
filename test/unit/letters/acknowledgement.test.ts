import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES, type RequestType } from '../../../domain/case/request-types';
import { SAMPLE_LETTER_DATA, createLetterRenderer } from '../../../letters';

const renderer = createLetterRenderer();

/**
 * What each type's acknowledgement promises (issue 17 p.5). A correction or a blocking demand has no answer date at
 * receipt: its first term is the block at once (art. 21 p.1), and the 7 WD of a correction run from the evidence,
 * so the letter names neither the block term's day nor any "answer by" date.
 */
const PROMISE: Record<RequestType, { ru: RegExp[]; en: RegExp[]; dated: boolean }> = {
  access: { dated: true, ru: [/направит Вам ответ не позднее/, /частью 1 статьи 20/, /не более чем на пять рабочих дней/], en: [/reply no later than/, /Part 1 of Article 20/, /five working days/] },
  correction: {
    dated: false,
    ru: [/блокирует относящиеся к Вам персональные данные на период проверки \(часть 1 статьи 21/, /в течение семи рабочих дней со дня представления таких сведений/, /часть 3 статьи 20 и часть 2 статьи 21/],
    en: [/blocks the personal data relating to you for the period of verification \(Part 1 of Article 21/, /within seven working days of receiving that information/],
  },
  blocking: {
    dated: false,
    ru: [/блокирует .* на период проверки \(часть 1 статьи 21/, /в течение трёх рабочих дней/, /десяти рабочих дней/, /часть 3 статьи 21/],
    en: [/blocks .* for the period of verification/, /within three working days/, /ten working days/],
  },
  withdrawal: { dated: true, ru: [/прекратит обработку .* и уничтожит их не позднее/, /тридцати дней/, /частью 5 статьи 21/], en: [/stop processing .* and destroy them no later than/, /Part 5 of Article 21/] },
  deletion: { dated: true, ru: [/уничтожит Ваши персональные данные и уведомит Вас не позднее/, /частью 3 статьи 20/], en: [/destroy your personal data and notify you no later than/, /Part 3 of Article 20/] },
  cease_processing: { dated: true, ru: [/прекратит обработку Ваших персональных данных не позднее/, /частью 5\.1 статьи 21/], en: [/stop processing your personal data no later than/, /Part 5\.1 of Article 21/] },
};

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

describe('the acknowledgement promises what the statute gives each type', () => {
  for (const requestType of REQUEST_TYPES) {
    for (const language of ['ru', 'en'] as const) {
      it(`${requestType} (${language})`, async () => {
        const data = { ...SAMPLE_LETTER_DATA.acknowledgement, requestType, dueDate: '2031-03-14', receivedDate: '2031-03-03' };
        const { text } = await renderer.render('acknowledgement', language, data);
        for (const phrase of PROMISE[requestType][language]) expect(text).toMatch(phrase);
        const due = language === 'ru' ? ruDate(data.dueDate) : '14 March 2031';
        if (PROMISE[requestType].dated) expect(text).toContain(due);
        else expect(text).not.toContain(due);
        if (requestType !== 'access') expect(text).not.toMatch(language === 'ru' ? /направит Вам ответ не позднее/ : /reply no later than/);
        expect(text).toContain(language === 'ru' ? 'Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»' : 'Federal Law No. 152-FZ of 27 July 2006 "On Personal Data"');
      });
    }
  }
});
