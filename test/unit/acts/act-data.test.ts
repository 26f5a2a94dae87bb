import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { beforeEach, describe, expect, it } from 'vitest';
import { DestructionActSchema } from '../../../acts/act-schema';
import { ActInputError, buildActData } from '../../../acts/act-data';
import { MissingDestructionEvent } from '../../../acts/log-extract';
import { actInput, destructionEvents, testRegistry, wellpro } from '../../helpers/acts';

const CASE = 'DSAR-2026-000042';
const ctx = { number: '179-2026-000001', issuedOn: '2026-03-11', operator: wellpro, registry: testRegistry(), events: destructionEvents(CASE) };

describe('buildActData: every field of RKN Order 179 p.3', () => {
  // Built inside each test, not when the file loads: a mutant (Stryker) is active only in tests.
  let act: ReturnType<typeof buildActData>;
  beforeEach(() => { act = buildActData(actInput(CASE), ctx); });

  it('states the operator, processors, subject, destroyers, categories, media, systems, methods, reason and date', () => {
    expect(act).toMatchObject({
      schema: 'dsar-destruction-act/2', number: '179-2026-000001', issuedOn: '2026-03-11', caseId: CASE, timeZone: 'Europe/Moscow',
      // (а): the address in Russian, the policy's beside it for the English section
      operator: {
        name: 'ООО «ВЭЛ ИНЖИНИРИНГ»', nameAsInPolicy: 'WELL ENGINEERING LLC', inn: '7727344381', ogrn: '1187746434380',
        address: '117624, г. Москва, район Южное Бутово, бульвар Адмирала Ушакова, д. 3, помещ. 2/1', addressAsInPolicy: expect.stringMatching(/^room 2\/1, 3, Admiral Ushakov Boulevard/),
      },
      // (б): only the systems that have one
      processors: [{ name: 'ООО «ХостПро»', address: 'г. Москва, ул. Тестовая, д. 1', systems: ['hosting-backups'] }],
      // (в), (г)
      subject: { name: 'Иванова Мария Петровна', email: 'maria@example.ru' },
      destroyedBy: [{ name: 'Смирнов Алексей Игоревич', position: 'системный администратор' }],
      // (е): the non-automated system with its sheets; (ж): the automated ones
      media: [{ system: 'paper-archive', medium: { ru: 'Бумажный архив обращений' }, sheets: 3 }],
      informationSystems: [{ id: 'crm', name: { ru: 'CRM-система ООО «ВЭЛ ИНЖИНИРИНГ»' } }, { id: 'hosting-backups' }],
      // (з): each system's own method unless one was confirmed
      methods: [{ system: 'crm', method: { en: expect.stringContaining('CRM') } }, { system: 'hosting-backups' }, { system: 'paper-archive', method: { ru: 'измельчение в шредере' } }],
      // (и), (к)
      reason: { legalBasis: 'ч. 3 ст. 20 Федерального закона № 152-ФЗ', request: { number: CASE, date: '2026-03-02' } },
      destroyedOn: '2026-03-10',
    });
    // (д): by default every category the systems hold, once each
    expect(act.categories).toContain('подпись');
    expect(act.categories).toContain('история обращений');
    expect(act.categories.filter((c) => c === 'фамилия, имя, отчество')).toHaveLength(1);
    // (д) per system: what the log recorded for it, else the registry's own categories (the paper archive's)
    expect(act.categoriesBySystem).toEqual([
      { system: 'crm', categories: ['фамилия, имя, отчество; адрес электронной почты'] },
      { system: 'hosting-backups', categories: ['фамилия, имя, отчество; адрес электронной почты'] },
      { system: 'paper-archive', categories: ['фамилия, имя, отчество', 'подпись'] },
    ]);
  });

  it('gives the address as in the policy where the profile has no Russian form, and the confirmed categories for a system the log says nothing of', () => {
    const { ru: _ru, ...address } = wellpro.address;
    const built = buildActData(actInput(CASE, { categories: ['подпись'] }), { ...ctx, operator: { ...wellpro, address }, events: [
      { id: '9', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.system_erased', data: { system: 'crm' } },
      { id: '10', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.system_erased', data: { system: 'hosting-backups', categories: ['телефон'] } },
    ] });
    expect(built.operator.address).toBe(wellpro.address.legal);
    expect(built.categoriesBySystem.map((c) => [c.system, c.categories])).toEqual([['crm', ['подпись']], ['hosting-backups', ['телефон']], ['paper-archive', ['подпись']]]);
  });

  it('matches the documented JSON schema', () => {
    const validate = addFormats(new Ajv({ strict: false }), ['date']).compile(DestructionActSchema);
    expect(validate(act), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...act, destroyedOn: '10.03.2026' })).toBe(false);
  });

  it('uses the confirmed categories and method when given', () => {
    const confirmed = buildActData(actInput(CASE, { categories: ['адрес электронной почты'], method: { ru: 'стирание', en: 'erasure' } }), ctx);
    expect(confirmed.categories).toEqual(['адрес электронной почты']);
    expect(confirmed.methods.map((m) => m.method.en)).toEqual(['erasure', 'erasure', 'erasure']);
  });

  it('builds the p.5 log extract for each automated system from the audit events, and moves to the act what the log lacks (p.6)', () => {
    expect(act.logExtract).toEqual([
      { system: expect.objectContaining({ ru: 'CRM-система ООО «ВЭЛ ИНЖИНИРИНГ»' }), subject: CASE, categories: ['фамилия, имя, отчество; адрес электронной почты'],
        reason: { ru: 'требование субъекта об уничтожении персональных данных (ч. 3 ст. 20 Федерального закона № 152-ФЗ)', en: expect.stringMatching(/^the subject's demand .*\(ч\. 3 ст\. 20/) },
        event: { ru: 'ответственное лицо подтвердило уничтожение', en: 'a responsible person confirmed the destruction' }, action: 'case.confirm_destruction',
        date: '2026-03-10T11:45:00.000Z', eventIds: ['7'], chainSeqs: ['4'] },
      expect.objectContaining({ system: expect.objectContaining({ en: 'Backups at the hosting of https://wellpro.ru/' }), eventIds: ['7'] }),
    ]);
    // The log holds the case number, never the subject's name: the name and the legal reason are stated by the act.
    expect(act.movedFromLog).toContainEqual({ system: 'crm', field: 'subject', value: 'Иванова Мария Петровна' });
    expect(act.movedFromLog).toContainEqual({ system: 'crm', field: 'reason', value: expect.stringContaining('ч. 3 ст. 20') });
    expect(act.movedFromLog.some((m) => m.field === 'categories')).toBe(false);
  });

  it('takes a per-system destruction event for its own system only, and moves categories the log did not record', () => {
    const events = [{ id: '9', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.system_destroyed', data: { system: 'crm' } },
      { id: '10', at: '2026-03-09T11:00:00.000Z', actor: 'engine', action: 'destruction.system_destroyed', data: { system: 'hosting-backups', categories: ['номер телефона'] } }];
    const built = buildActData(actInput(CASE), { ...ctx, events });
    expect(built.logExtract.map((e) => [e.eventIds, e.categories, e.date])).toEqual([[['9'], null, '2026-03-09T10:00:00.000Z'], [['10'], ['номер телефона'], '2026-03-09T11:00:00.000Z']]);
    expect(built.movedFromLog).toContainEqual({ system: 'crm', field: 'categories', value: built.categories.join(', ') });
    expect(built.movedFromLog.filter((m) => m.field === 'categories').map((m) => m.system)).toEqual(['crm']);
  });

  it('refuses an act while an automated system has no destruction in the log', () => {
    const events = [{ id: '9', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.system_destroyed', data: { system: 'crm' } }];
    expect(() => buildActData(actInput(CASE), { ...ctx, events })).toThrow(MissingDestructionEvent);
    expect(() => buildActData(actInput(CASE), { ...ctx, events })).toThrow(/hosting-backups/);
  });

  it('refuses an act without a destroyer, without systems, or with a paper medium lacking its sheets', () => {
    expect(() => buildActData(actInput(CASE, { destroyedBy: [] }), ctx)).toThrow(ActInputError);
    expect(() => buildActData(actInput(CASE, { systems: [] }), ctx)).toThrow(ActInputError);
    expect(() => buildActData(actInput(CASE, { systems: [{ id: 'paper-archive' }] }), ctx)).toThrow(/sheets/);
    expect(() => buildActData(actInput(CASE, { systems: [{ id: 'nowhere' }] }), ctx)).toThrow(/unknown information system/);
  });

  it('names the case and every system the log has no destruction for', () => {
    const events = [{ id: '9', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.system_erased', data: { system: 'elsewhere' } }];
    expect(() => buildActData(actInput(CASE), { ...ctx, events })).toThrow(
      `case ${CASE}: the audit log records no destruction in crm, hosting-backups; an act is issued only when every system is done (Order 179 p.5 needs the log entry)`);
  });

  it('takes categories from the log only when it names some, as a list of texts or one text', () => {
    const withCategories = (categories: unknown) => buildActData(actInput(CASE), { ...ctx, events: [
      { id: '11', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.system_destroyed', data: { system: 'crm', categories } },
      { id: '12', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.system_destroyed', data: { system: 'hosting-backups' } },
    ] }).logExtract[0]!.categories;
    expect(withCategories(['телефон', 'адрес'])).toEqual(['телефон', 'адрес']);
    expect(withCategories('телефон')).toEqual(['телефон']);
    for (const none of [[], ['телефон', 7], '  ', 7, null]) expect(withCategories(none), JSON.stringify(none)).toBeNull();
  });

  it('dates each entry by the destruction the log records, or by the event when it records none, from the last event of the system', () => {
    const built = buildActData(actInput(CASE), { ...ctx, events: [
      { id: '1', at: '2026-03-08T10:00:00.000Z', actor: 'engine', action: 'destruction.system_destroyed', data: { system: 'crm', destroyedAt: '2026-03-08T09:00:00.000Z' } },
      { id: '2', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.system_confirmed', data: { system: 'crm', destroyedAt: 7 } },
      { id: '3', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.started', data: { system: 'hosting-backups' } },
      { id: '4', at: '2026-03-09T12:00:00.000Z', actor: 'engine', action: 'destruction.system_erased', data: { system: 'hosting-backups' } },
    ] });
    expect(built.logExtract.map((e) => [e.action, e.event.ru, e.date, e.eventIds])).toEqual([
      ['destruction.system_confirmed', 'владелец системы подтвердил уничтожение', '2026-03-09T10:00:00.000Z', ['1', '2']],
      ['destruction.system_erased', 'записи субъекта удалены в системе', '2026-03-09T12:00:00.000Z', ['4']],
    ]);
    expect(buildActData(actInput(CASE), { ...ctx, events: [
      { id: '5', at: '2026-03-09T10:00:00.000Z', actor: 'engine', action: 'destruction.system_destroyed', data: {} },
    ] }).logExtract.map((e) => [e.event.en, e.chainSeqs])).toEqual([['the data were destroyed in the system', []], ['the data were destroyed in the system', []]]);
    expect(built.movedFromLog.filter((m) => m.system === 'crm')).toEqual([
      { system: 'crm', field: 'subject', value: 'Иванова Мария Петровна' },
      { system: 'crm', field: 'categories', value: built.categories.join(', ') },
      { system: 'crm', field: 'reason', value: 'требование субъекта об уничтожении персональных данных (ч. 3 ст. 20 Федерального закона № 152-ФЗ; запрос DSAR-2026-000042 от 02.03.2026)' },
    ]);
  });

  it('says what to fix when it refuses', () => {
    expect(() => buildActData(actInput(CASE, { destroyedBy: [] }), ctx)).toThrow('an act names at least one person who destroyed the data (Order 179 p.3 (г))');
    expect(() => buildActData(actInput(CASE, { systems: [] }), ctx)).toThrow('an act names the systems or media the data were destroyed in (Order 179 p.3 (е), (ж))');
    expect(() => buildActData(actInput(CASE, { systems: [{ id: 'crm' }, { id: 'paper-archive', sheets: 0 }] }), ctx))
      .toThrow('non-automated system(s) paper-archive need the number of sheets (Order 179 p.3 (е))');
  });
});

