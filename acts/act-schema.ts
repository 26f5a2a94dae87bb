import { Type, type Static } from '@sinclair/typebox';

/**
 * The JSON form of a destruction act (RKN Order 179 of 28.10.2022). Each field names the letter of p.3 it
 * answers; `logExtract` is the p.5 extract for automated systems and `movedFromLog` what p.6 moves into the
 * act because the engine's log does not show it. Texts are Russian (the act's language) with English beside.
 */
const Bilingual = Type.Object({ ru: Type.String(), en: Type.String() });
const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Person = Type.Object({ name: Type.String(), position: Type.String() });

export const LogExtractEntrySchema = Type.Object({
  system: Bilingual,
  subject: Type.String({ description: 'The subject as the log identifies them: the case number (the log keeps no names)' }),
  categories: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'As the log recorded them; null when it did not' }),
  reason: Type.Object(Bilingual.properties, { description: 'Why the data were destroyed, in words, with the article of 152-FZ' }),
  event: Bilingual,
  action: Type.String({ description: 'The logged action, as the audit log names it (for an auditor\'s query; the PDF gives `event` in words)' }),
  date: Type.String({ description: 'When the log recorded the destruction (ISO 8601; the PDF shows it in the act\'s time zone)' }),
  eventIds: Type.Array(Type.String(), { description: 'audit_events ids the entry is built from' }),
  chainSeqs: Type.Array(Type.String(), { description: 'The same events\' numbers in the hash chain (audit_events.chain_seq): what the PDF cites' }),
});

export const MovedFromLogSchema = Type.Object({
  system: Type.String({ description: 'System id' }),
  field: Type.Union([Type.Literal('subject'), Type.Literal('categories'), Type.Literal('reason')]),
  value: Type.String({ description: 'What the act states for it' }),
});

export const DestructionActSchema = Type.Object({
  schema: Type.Literal('dsar-destruction-act/2'),
  number: Type.String({ description: 'Act number, 179-YYYY-NNNNNN' }),
  issuedOn: DateOnly,
  caseId: Type.String(),
  timeZone: Type.String({ description: 'The operator\'s time zone: the PDF shows the log\'s instants in it' }),
  operator: Type.Object({ name: Type.String(), nameAsInPolicy: Type.String(),
    address: Type.String({ description: 'In Russian (the profile\'s address.ru); as in the policy when the profile has no Russian form' }),
    addressAsInPolicy: Type.String(), inn: Type.Optional(Type.String()), ogrn: Type.Optional(Type.String()) }, { description: 'p.3 (а)' }),
  processors: Type.Array(Type.Object({ name: Type.String(), address: Type.String(), systems: Type.Array(Type.String()) }), { description: 'p.3 (б); empty when none' }),
  subject: Type.Object({ name: Type.String(), email: Type.Optional(Type.String()), other: Type.Optional(Type.String()) }, { description: 'p.3 (в)' }),
  destroyedBy: Type.Array(Person, { minItems: 1, description: 'p.3 (г); the PDF leaves a signature line for each' }),
  categories: Type.Array(Type.String(), { minItems: 1, description: 'p.3 (д), all systems together' }),
  categoriesBySystem: Type.Array(Type.Object({ system: Type.String(), categories: Type.Array(Type.String(), { minItems: 1 }) }),
    { description: 'p.3 (д) per system: what the log recorded for it, else the confirmed categories, else the registry\'s' }),
  media: Type.Array(Type.Object({ system: Type.String(), medium: Bilingual, sheets: Type.Integer({ minimum: 1 }) }), { description: 'p.3 (е): non-automated processing' }),
  informationSystems: Type.Array(Type.Object({ id: Type.String(), name: Bilingual }), { description: 'p.3 (ж): automated processing' }),
  methods: Type.Array(Type.Object({ system: Type.String(), method: Bilingual }), { minItems: 1, description: 'p.3 (з), per system' }),
  reason: Type.Object({
    text: Bilingual,
    legalBasis: Type.String(),
    request: Type.Object({ number: Type.String(), date: DateOnly }, { description: 'The incoming request' }),
  }, { description: 'p.3 (и)' }),
  destroyedOn: Type.String({ format: 'date', description: 'p.3 (к): YYYY-MM-DD' }),
  logExtract: Type.Array(LogExtractEntrySchema, { description: 'p.5: one entry per automated system' }),
  movedFromLog: Type.Array(MovedFromLogSchema, { description: 'p.6: what the log cannot show, stated by the act' }),
});

export type DestructionAct = Static<typeof DestructionActSchema>;
export type LogExtractEntry = Static<typeof LogExtractEntrySchema>;
export type MovedFromLog = Static<typeof MovedFromLogSchema>;
