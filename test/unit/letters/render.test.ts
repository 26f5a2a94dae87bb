import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LETTER_KINDS, LETTER_LANGUAGES, SAMPLE_LETTER_DATA, createLetterRenderer, verifyTemplates,
  type LetterData, type LetterKind,
} from '../../../letters';

const renderer = createLetterRenderer();

/** Per kind: the date field the letter must show, and the provision each language must cite. */
const EXPECT: Record<LetterKind, { date: string; ru: string; en: string }> = {
  acknowledgement: { date: 'dueDate', ru: 'частью 1 статьи 20', en: 'Part 1 of Article 20' },
  information_request: { date: 'dueDate', ru: 'частью 3 статьи 14', en: 'Part 3 of Article 14' },
  extension_notice: { date: 'dueDate', ru: 'частью 1 статьи 20', en: 'Part 1 of Article 20' },
  response_cover: { date: 'receivedDate', ru: 'частью 7 статьи 14', en: 'Part 7 of Article 14' },
  refusal: { date: 'receivedDate', ru: 'частью 2 статьи 20', en: 'Part 2 of Article 20' },
  correction_notice: { date: 'correctedDate', ru: 'часть 2 статьи 21', en: 'Part 2 of Article 21' },
  blocking_notice: { date: 'blockedDate', ru: 'частью 1 статьи 21', en: 'Part 1 of Article 21' },
  unblocking_notice: { date: 'unblockedDate', ru: 'часть 2 статьи 21', en: 'Part 2 of Article 21' },
  destruction_notice: { date: 'destroyedDate', ru: 'части 3 статьи 20', en: 'Part 3 of Article 20' },
  cessation_notice: { date: 'ceasedDate', ru: 'частью 5.1 статьи 21', en: 'Part 5.1 of Article 21' },
  legal_ground_notice: { date: 'retentionUntil', ru: 'частью 2 статьи 9', en: 'Part 2 of Article 9' },
  recipient_notice: { date: 'actionDate', ru: 'частью 3 статьи 20', en: 'Part 3 of Article 20' },
  staff_reminder: { date: 'dueDate', ru: '2 рабочих дня', en: '2 working days' },
  escalation: { date: 'dueDate', ru: 'статья 13.11 КоАП РФ', en: 'Article 13.11 of the Code of Administrative Offences' },
};

const ruDate = (iso: string) => iso.split('-').reverse().join('.');
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const enDate = (iso: string) => { const [y, m, d] = iso.split('-').map(Number); return `${d} ${EN_MONTHS[m! - 1]} ${y}`; };

/** Traces of a placeholder that rendered to nothing or to a JavaScript value's name. */
const HOLES = /undefined|null|NaN|\[object|\{\{|\{%|\(\s*\)|«\s*»|"\s*"|:\s*\.|№\s*[,.]/;

describe('every letter in both languages', () => {
  for (const language of LETTER_LANGUAGES) {
    for (const kind of LETTER_KINDS) {
      it(`${kind} (${language}) names the case, formats dates and cites the law`, async () => {
        const data = SAMPLE_LETTER_DATA[kind] as LetterData[LetterKind] & Record<string, unknown>;
        const { subject, text } = await renderer.render(kind, language, data);
        expect(subject).toContain(data.caseNumber);
        expect(subject.endsWith(`[${data.caseNumber}]`)).toBe(true); // the tag e-mail intake files replies by
        expect(subject).not.toContain('\n');
        expect(text).toContain(data.caseNumber);
        const iso = data[EXPECT[kind].date] as string;
        expect(text).toContain(language === 'ru' ? ruDate(iso) : enDate(iso));
        expect(text).not.toContain(iso); // never the raw ISO form
        expect(text).toContain(EXPECT[kind][language]);
        expect(`${subject}\n${text}`).not.toMatch(HOLES);
        if ('subjectName' in data) expect(text).toContain(data.subjectName as string);
        if (kind !== 'staff_reminder') {
          expect(text).toContain(language === 'ru' ? 'Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»' : 'Federal Law No. 152-FZ of 27 July 2006 "On Personal Data"');
        }
      });
    }
  }

  it('verifyTemplates passes for the shipped templates', async () => {
    await expect(verifyTemplates(renderer)).resolves.toBeUndefined();
  });
});

describe('optional fields and branches', () => {
  const bare = { ...SAMPLE_LETTER_DATA.acknowledgement, note: undefined, operator: { legalName: 'ООО «Ромашка»', address: 'г. Москва, ул. Тверская, д. 1', email: 'dpo@romashka.ru' } };

  it('a letter without phone, website and note leaves no empty lines or labels', async () => {
    const { text } = await renderer.render('acknowledgement', 'ru', bare);
    expect(text).not.toMatch(/Телефон|Сайт|undefined/);
    expect(text).not.toMatch(/\n{3,}/);
    expect(text.trimEnd().endsWith('Эл. почта: dpo@romashka.ru')).toBe(true);
  });

  it('the refusal names its ground even without a provision; a repeat request cites art. 14 p.4–6', async () => {
    const { text } = await renderer.render('refusal', 'ru', { ...SAMPLE_LETTER_DATA.refusal, ground: 'repeat_request', provision: undefined });
    expect(text).toContain('части 4–6 статьи 14');
    expect(text).not.toMatch(/undefined|;\s*\./);
  });

  it('a staff reminder on the due day says the term ends today; plurals follow Russian grammar', async () => {
    const today = await renderer.render('staff_reminder', 'ru', { ...SAMPLE_LETTER_DATA.staff_reminder, daysLeft: 0 });
    expect(today.text).toContain('Срок истекает сегодня.');
    const five = await renderer.render('staff_reminder', 'ru', { ...SAMPLE_LETTER_DATA.staff_reminder, daysLeft: 5 });
    expect(five.text).toContain('Осталось 5 рабочих дней.');
    const one = await renderer.render('escalation', 'en', { ...SAMPLE_LETTER_DATA.escalation, daysOverdue: 1, assigneeName: undefined });
    expect(one.text).toContain('Overdue by 1 working day.');
    expect(one.text).toContain('Assignee: none.');
  });

  it('a recipient notice for destroyed data asks the recipient to destroy them', async () => {
    const { subject, text } = await renderer.render('recipient_notice', 'en', { ...SAMPLE_LETTER_DATA.recipient_notice, action: 'destroyed' });
    expect(subject).toMatch(/^Notice of destruction/);
    expect(text).toContain('Please stop processing these personal data and destroy them');
  });

  it('a date that is not YYYY-MM-DD stops the letter instead of printing it', async () => {
    await expect(renderer.render('acknowledgement', 'ru', { ...bare, dueDate: '2025-02-30' })).rejects.toThrow(/ru\/acknowledgement\.liquid: .*YYYY-MM-DD/);
  });
});

describe('operator templates (DSAR_LETTER_TEMPLATES_DIR)', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'dsar-templates-'));
  const write = (root: string, file: string, body: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), body);
  };

  it('an overriding template is used; kinds it lacks fall back to the shipped ones', async () => {
    const root = dir();
    write(root, 'ru/acknowledgement.liquid', 'Принято: {{ caseNumber }}\n\nДо {{ dueDate | day }}.\n{% render "signature", operator: operator %}\n');
    const custom = createLetterRenderer({ templatesDir: root });
    const ack = await custom.render('acknowledgement', 'ru', SAMPLE_LETTER_DATA.acknowledgement);
    expect(ack.subject).toBe('Принято: DSAR-2025-000042 [DSAR-2025-000042]'); // the case tag is added to an operator's subject
    expect(ack.text).toContain('До 10.11.2025.');
    expect(ack.text).toContain('С уважением,'); // the shipped partial
    const refusal = await custom.render('refusal', 'ru', SAMPLE_LETTER_DATA.refusal);
    expect(refusal.subject).toBe('Мотивированный отказ по обращению № DSAR-2025-000042 [DSAR-2025-000042]');
  });

  it('a misspelt variable fails at start-up (verifyTemplates), naming the file', async () => {
    const root = dir();
    write(root, 'en/extension_notice.liquid', 'Extension {{ caseNumber }}\n\nNew term: {{ dueDat | day }}\n');
    const custom = createLetterRenderer({ templatesDir: root });
    await expect(verifyTemplates(custom)).rejects.toThrow(/en\/extension_notice\.liquid: .*dueDat/);
  });

  it('a template that renders no subject, or a missing folder, is refused', async () => {
    const root = dir();
    write(root, 'ru/escalation.liquid', '\n\n{% if false %}x{% endif %}\n');
    await expect(createLetterRenderer({ templatesDir: root }).render('escalation', 'ru', SAMPLE_LETTER_DATA.escalation)).rejects.toThrow(/ru\/escalation\.liquid/);
    expect(() => createLetterRenderer({ templatesDir: path.join(root, 'nope') })).toThrow(/DSAR_LETTER_TEMPLATES_DIR/);
  });

  it('templates cannot reach code: prototype properties read as missing variables', async () => {
    const root = dir();
    write(root, 'en/acknowledgement.liquid', 'Hi {{ caseNumber }}\n\n{{ operator.constructor }}\n');
    await expect(createLetterRenderer({ templatesDir: root }).render('acknowledgement', 'en', SAMPLE_LETTER_DATA.acknowledgement)).rejects.toThrow(/undefined variable/);
  });
});
