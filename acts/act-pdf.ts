import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDay } from '../letters/filters';
import type { DestructionAct } from './act-schema';

/**
 * The act as a PDF: Russian (the act's language), then an English section for readers outside Russia.
 * The font ships through npm (dejavu-fonts-ttf), never the system's: the same bytes on every machine, and
 * Cyrillic always renders. pdfkit embeds only the glyphs used.
 */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

type Doc = InstanceType<typeof PDFDocument>;

const heading = (doc: Doc, text: string) => doc.moveDown(0.6).font(BOLD).fontSize(11).text(text).font(REGULAR).fontSize(10);
const field = (doc: Doc, label: string, value: string) => doc.font(BOLD).text(`${label}: `, { continued: true }).font(REGULAR).text(value);
const list = (items: string[]) => items.map((x) => `— ${x}`).join('\n');

/** The act's systems by id, with their names: (б), (д) and (з) name systems, never ids. */
const nameOf = (act: DestructionAct, id: string): { ru: string; en: string } =>
  act.informationSystems.find((s) => s.id === id)?.name ?? act.media.find((m) => m.system === id)?.medium ?? { ru: id, en: id };

/** An instant as the operator's clock showed it: 10.03.2026 14:45 (UTC+03:00). */
function instant(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute} (UTC${offset})`;
}

function russian(doc: Doc, act: DestructionAct): void {
  doc.font(BOLD).fontSize(14).text(`АКТ № ${act.number}`, { align: 'center' })
    .fontSize(11).text('об уничтожении персональных данных', { align: 'center' })
    .font(REGULAR).fontSize(9).text('(приказ Роскомнадзора от 28.10.2022 № 179)', { align: 'center' }).fontSize(10).moveDown();
  field(doc, 'Дата составления', formatDay(act.issuedOn, 'ru'));
  field(doc, 'Обращение', act.caseId);
  field(doc, 'а) Оператор', `${act.operator.name}${act.operator.inn ? `, ИНН ${act.operator.inn}` : ''}${act.operator.ogrn ? `, ОГРН ${act.operator.ogrn}` : ''}; адрес: ${act.operator.address}`);
  field(doc, 'б) Лицо, осуществляющее обработку по поручению оператора', act.processors.length
    ? act.processors.map((p) => `${p.name}, ${p.address} (${p.systems.map((id) => nameOf(act, id).ru).join(', ')})`).join('; ') : 'не привлекалось');
  field(doc, 'в) Субъект персональных данных', [act.subject.name, act.subject.email, act.subject.other].filter(Boolean).join(', '));
  field(doc, 'г) Уничтожение произвели', act.destroyedBy.map((p) => `${p.name}, ${p.position}`).join('; '));
  field(doc, 'д) Категории уничтоженных персональных данных', act.categoriesBySystem.length
    ? `\n${list(act.categoriesBySystem.map((c) => `${nameOf(act, c.system).ru}: ${c.categories.join(', ')}`))}` : act.categories.join(', '));
  field(doc, 'е) Материальный носитель и количество листов', act.media.length
    ? act.media.map((m) => `${m.medium.ru}: ${m.sheets} ${sheets(m.sheets)}`).join('; ') : 'не применимо (обработка автоматизированная)');
  field(doc, 'ж) Информационная система персональных данных', act.informationSystems.length
    ? act.informationSystems.map((s) => s.name.ru).join('; ') : 'не применимо (обработка без средств автоматизации)');
  field(doc, 'з) Способ уничтожения', act.methods.map((m) => `${nameOf(act, m.system).ru}: ${m.method.ru}`).join('; '));
  field(doc, 'и) Причина уничтожения', `${act.reason.text.ru}; основание: ${act.reason.legalBasis}; запрос № ${act.reason.request.number} от ${formatDay(act.reason.request.date, 'ru')}`);
  field(doc, 'к) Дата уничтожения', formatDay(act.destroyedOn, 'ru'));
  if (act.logExtract.length > 0) {
    heading(doc, 'Выгрузка из журнала регистрации событий (п. 5)');
    for (const e of act.logExtract) {
      doc.text(list([`Система: ${e.system.ru}`, `Субъект: ${e.subject}`, `Категории: ${e.categories?.join(', ') ?? 'в журнале не отражены'}`,
        `Причина: ${e.reason.ru}`, `Событие: ${e.event.ru}`, `Дата: ${instant(e.date, act.timeZone)}`,
        `Номера записей в журнале: ${(e.chainSeqs.length ? e.chainSeqs : e.eventIds).join(', ')}`]));
      doc.moveDown(0.3);
    }
    heading(doc, 'Сведения, не отражённые в журнале (п. 6)');
    doc.text(list(act.movedFromLog.map((m) => `${nameOf(act, m.system).ru}, ${FIELD_RU[m.field]}: ${m.value}`)));
  }
  heading(doc, 'Подписи лиц, уничтоживших персональные данные');
  for (const p of act.destroyedBy) doc.moveDown(0.8).text(`${p.position}  ____________________  ${p.name}`);
}

/** 1 лист, 3 листа, 5 листов. */
function sheets(n: number): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return 'лист';
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return 'листа';
  return 'листов';
}

const FIELD_RU = { subject: 'субъект', categories: 'категории', reason: 'причина' } as const;

function english(doc: Doc, act: DestructionAct): void {
  doc.addPage().font(BOLD).fontSize(12).text(`English summary of act No. ${act.number}`, { align: 'center' }).font(REGULAR).fontSize(10).moveDown();
  doc.text('Personal data destruction act under RKN Order No. 179 of 28.10.2022. The Russian text above is authoritative.').moveDown(0.5);
  field(doc, 'Operator', `${act.operator.nameAsInPolicy}, ${act.operator.addressAsInPolicy}`);
  field(doc, 'Processors', act.processors.length ? act.processors.map((p) => `${p.name}, ${p.address}`).join('; ') : 'none');
  field(doc, 'Data subject', act.subject.name);
  field(doc, 'Destroyed by', act.destroyedBy.map((p) => `${p.name}, ${p.position}`).join('; '));
  field(doc, 'Categories', act.categoriesBySystem.map((c) => `${nameOf(act, c.system).en}: ${c.categories.join(', ')}`).join('; '));
  field(doc, 'Media and sheets', act.media.length ? act.media.map((m) => `${m.medium.en}: ${m.sheets}`).join('; ') : 'not applicable');
  field(doc, 'Information systems', act.informationSystems.length ? act.informationSystems.map((s) => s.name.en).join('; ') : 'not applicable');
  field(doc, 'Method', act.methods.map((m) => `${nameOf(act, m.system).en}: ${m.method.en}`).join('; '));
  field(doc, 'Reason', `${act.reason.text.en}; legal basis: ${act.reason.legalBasis}; request ${act.reason.request.number} of ${formatDay(act.reason.request.date, 'ru')}`);
  field(doc, 'Date of destruction', formatDay(act.destroyedOn, 'ru'));
  field(doc, 'Log extract', `${act.logExtract.length} automated system(s), see p. 5 above`);
}

/** Renders the act; the PDF's dates are the act's, so rendering the same act twice gives the same text. */
export async function renderActPdf(act: DestructionAct): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margin: 56,
    info: { Title: `Акт № ${act.number} об уничтожении персональных данных`, Author: act.operator.nameAsInPolicy, CreationDate: new Date(`${act.issuedOn}T00:00:00Z`) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(REGULAR).fontSize(10);
  russian(doc, act);
  english(doc, act);
  doc.end();
  return done;
}
