import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildActData } from '../../../acts/act-data';
import { renderActPdf } from '../../../acts/act-pdf';
import { actInput, destructionEvents, pdfText, testRegistry, wellpro } from '../../helpers/acts';

const CASE = 'DSAR-2026-000042';
// Built and rendered inside each test, never in a hook or at load: a mutant (Stryker) is active only in tests.
const build = () => buildActData(actInput(CASE), { number: '179-2026-000007', issuedOn: '2026-03-11', operator: wellpro, registry: testRegistry(), events: destructionEvents(CASE) });
const act = build();
/** A system's names as the act gives them. */
const name = (id: string) => act.informationSystems.find((s) => s.id === id)?.name ?? act.media.find((m) => m.system === id)!.medium;
const rendered = async () => {
  const pdf = await renderActPdf(build());
  return { pdf, text: pdfText(pdf) };
};

describe('the act as PDF, read back with pdftotext', () => {
  it('shows every Order 179 p.3 field in Russian', async () => {
    const { text } = await rendered();
    for (const expected of [
      'АКТ № 179-2026-000007', 'об уничтожении персональных данных', 'приказ Роскомнадзора от 28.10.2022 № 179',
      'а) Оператор: ООО «ВЭЛ ИНЖИНИРИНГ», ИНН 7727344381, ОГРН 1187746434380', '117624',
      'б) Лицо, осуществляющее обработку по поручению оператора: ООО «ХостПро», г. Москва, ул. Тестовая, д. 1',
      'в) Субъект персональных данных: Иванова Мария Петровна',
      'г) Уничтожение произвели: Смирнов Алексей Игоревич, системный администратор',
      'д) Категории уничтоженных персональных данных:', 'подпись',
      'е) Материальный носитель и количество листов: Бумажный архив обращений: 3 листа',
      'ж) Информационная система персональных данных: CRM-система ООО «ВЭЛ ИНЖИНИРИНГ»',
      'з) Способ уничтожения:', 'измельчение в шредере',
      'и) Причина уничтожения: требование субъекта об уничтожении персональных данных; основание: ч. 3 ст. 20 Федерального закона № 152-ФЗ',
      `запрос № ${CASE} от 02.03.2026`, 'к) Дата уничтожения: 10.03.2026', 'Дата составления: 11.03.2026',
      'адрес: 117624, г. Москва, район Южное Бутово, бульвар Адмирала Ушакова, д. 3, помещ. 2/1',
      'Подписи лиц, уничтоживших персональные данные', '____________________ Смирнов Алексей Игоревич',
    ]) expect(text).toContain(expected);
  });

  it('shows the p.5 log extract and the p.6 facts the log cannot show', async () => {
    const { text } = await rendered();
    expect(text).toContain('Выгрузка из журнала регистрации событий (п. 5)');
    expect(text).toContain(`Субъект: ${CASE}`);
    expect(text).toContain('Причина: требование субъекта об уничтожении персональных данных (ч. 3 ст. 20 Федерального закона № 152-ФЗ)');
    expect(text).toContain('Событие: ответственное лицо подтвердило уничтожение');
    expect(text).toContain('Дата: 10.03.2026 14:45 (UTC+03:00)'); // 11:45Z on the operator's (Moscow) clock
    expect(text).toContain('Номера записей в журнале: 4'); // the chain's number, not the row id 7
    expect(text).not.toContain('case.confirm_destruction');
    expect(text).toContain('Сведения, не отражённые в журнале (п. 6)');
    expect(text).toContain('— CRM-система ООО «ВЭЛ ИНЖИНИРИНГ», субъект: Иванова Мария Петровна');
  });

  it('reads as a Russian document: dates as DD.MM.YYYY, systems by name, no identifiers of the engine', async () => {
    const { text } = await rendered();
    const russianPart = text.slice(0, text.indexOf('English summary'));
    expect(russianPart).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const id of ['crm', 'hosting-backups', 'paper-archive', 'destruction.', 'case.']) expect(russianPart).not.toContain(id);
    expect(russianPart).not.toMatch(/Admiral|Boulevard|Moscow/);
    expect(russianPart).toContain('Бумажный архив обращений: 3 листа');
  });

  it('declines the sheets as Russian counts them', async () => {
    for (const [sheets, word] of [[1, 'лист'], [2, 'листа'], [4, 'листа'], [5, 'листов'], [11, 'листов'], [12, 'листов'], [14, 'листов'], [21, 'лист'], [22, 'листа'], [111, 'листов'], [112, 'листов']] as const) {
      const text = pdfText(await renderActPdf({ ...act, media: [{ ...act.media[0]!, sheets }] }));
      expect(text, String(sheets)).toMatch(new RegExp(`Бумажный архив обращений: ${sheets} ${word}(?![а-я])`));
    }
  });

  it('has an English section', async () => {
    const { text } = await rendered();
    for (const expected of ['English summary of act No. 179-2026-000007', 'Operator: WELL ENGINEERING LLC', 'Data subject: Иванова Мария Петровна',
      'Processors: ООО «ХостПро»', 'Information systems: CRM system of WELL ENGINEERING LLC', 'Method: CRM system of WELL ENGINEERING LLC:', 'Operator: WELL ENGINEERING LLC, room 2/1, 3, Admiral Ushakov Boulevard', 'Reason: the subject\'s demand to destroy the personal data',
      'Date of destruction: 10.03.2026', 'Media and sheets: Paper archive of requests: 3']) expect(text).toContain(expected);
  });

  it('embeds the DejaVu font shipped through npm, not a system font', async () => {
    const { pdf } = await rendered();
    const fonts = spawnSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
    expect(fonts.status).toBe(0);
    expect(fonts.stdout).toMatch(/DejaVuSans\s/);
    expect(fonts.stdout).toMatch(/DejaVuSans-Bold/);
    expect(fonts.stdout.split('\n').slice(2).filter(Boolean).every((l) => /\byes\s+yes\b/.test(l))).toBe(true); // embedded, subset
  });
});

describe('an act where some Order 179 p.3 fields do not apply', () => {
  const bare = {
    ...act,
    operator: { ...act.operator, inn: undefined, ogrn: undefined },
    subject: { name: 'Петров Пётр', other: 'паспорт 45 00 № 000000' },
    processors: [], media: [], informationSystems: [], logExtract: [], movedFromLog: [],
  };

  it('says so in each field instead of leaving it blank, and has no log extract without automated systems', async () => {
    const bareText = pdfText(await renderActPdf(bare));
    for (const expected of [
      'б) Лицо, осуществляющее обработку по поручению оператора: не привлекалось',
      'в) Субъект персональных данных: Петров Пётр, паспорт 45 00 № 000000',
      'е) Материальный носитель и количество листов: не применимо (обработка автоматизированная)',
      'ж) Информационная система персональных данных: не применимо (обработка без средств автоматизации)',
      'Processors: none', 'Media and sheets: not applicable', 'Information systems: not applicable', 'Log extract: 0 automated system(s)',
    ]) expect(bareText).toContain(expected);
    expect(bareText).toContain(`а) Оператор: ООО «ВЭЛ ИНЖИНИРИНГ»; адрес: ${act.operator.address}`);
    expect(bareText).not.toContain('ИНН');
    expect(bareText).not.toContain('Выгрузка из журнала');
  });

  it('states in the extract when the log did not record the categories', async () => {
    const [entry] = act.logExtract;
    const text = pdfText(await renderActPdf({ ...act, logExtract: [{ ...entry!, categories: null }] }));
    expect(text).toContain('Категории: в журнале не отражены');
    expect(text).toContain(`Номера записей в журнале: ${entry!.chainSeqs.join(', ')}`);
  });

  it('names the act, its operator and its date in the document properties', async () => {
    const { pdf } = await rendered();
    const info = spawnSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(/^Title:\s+Акт № 179-2026-000007 об уничтожении персональных данных$/m);
    expect(info.stdout).toMatch(new RegExp(`^Author:\\s+${act.operator.nameAsInPolicy}$`, 'm'));
    expect(info.stdout).toMatch(/^CreationDate:\s+.*2026/m);
    expect(info.stdout).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
  });
});

describe('the words around the facts', () => {
  it('labels every field in both sections and separates the items of each list', async () => {
    const { text } = await rendered();
    const flat = text.replace(/\s+/g, ' ');
    const { processors, methods, destroyedBy } = act;
    for (const expected of [
      'Дата составления: 11.03.2026', `Обращение: ${CASE}`,
      `б) Лицо, осуществляющее обработку по поручению оператора: ${processors[0]!.name}, ${processors[0]!.address} (${name(processors[0]!.systems[0]!).ru})`,
      `в) Субъект персональных данных: Иванова Мария Петровна, maria@example.ru`,
      `з) Способ уничтожения: ${methods.map((m) => `${name(m.system).ru}: ${m.method.ru}`).join('; ')}`,
      `д) Категории уничтоженных персональных данных: ${act.categoriesBySystem.map((c) => `— ${name(c.system).ru}: ${c.categories.join(', ')}`).join(' ')}`,
      `ж) Информационная система персональных данных: ${act.informationSystems.map((s) => s.name.ru).join('; ')}`,
      `Система: ${act.logExtract[0]!.system.ru}`, `Категории: ${act.logExtract[0]!.categories!.join(', ')}`,
      `Номера записей в журнале: ${act.logExtract[0]!.chainSeqs.join(', ')}`,
      'Personal data destruction act under RKN Order No. 179 of 28.10.2022. The Russian text above is authoritative.',
      `Destroyed by: ${destroyedBy.map((p) => `${p.name}, ${p.position}`).join('; ')}`,
      `Categories: ${act.categoriesBySystem.map((c) => `${name(c.system).en}: ${c.categories.join(', ')}`).join('; ')}`,
      `Method: ${methods.map((m) => `${name(m.system).en}: ${m.method.en}`).join('; ')}`,
      `Information systems: ${act.informationSystems.map((s) => s.name.en).join('; ')}`,
      `Processors: ${processors.map((p) => `${p.name}, ${p.address}`).join('; ')}`,
      `Log extract: ${act.logExtract.length} automated system(s), see p. 5 above`,
      `Operator: ${act.operator.nameAsInPolicy}, ${act.operator.addressAsInPolicy}`,
    ]) expect(flat).toContain(expected);
  });
});
