import { formatDay } from '../letters/filters';
import type { OperatorProfile } from '../operator/profile-schema';
import { systemsByIds, type SystemsRegistry } from '../operator/systems';
import type { DestructionAct } from './act-schema';
import { buildLogExtract, type AuditEventRow } from './log-extract';

export type { DestructionAct } from './act-schema';

interface Bilingual { ru: string; en: string }

/** What the engine knows when every system is done: the facts of the case's `confirm_destruction`. */
export interface ActInput {
  caseId: string;
  subject: { name: string; email?: string; other?: string };
  /** Who destroyed the data (p.3 (г)), as confirmed. */
  destroyedBy: Array<{ name: string; position: string }>;
  /** The systems the data were destroyed in; `sheets` for a non-automated one (its medium, p.3 (е)). */
  systems: Array<{ id: string; sheets?: number }>;
  /** Categories destroyed (p.3 (д)); by default every category the systems hold. */
  categories?: string[];
  /** The method as confirmed (p.3 (з)); by default each system's own method from the registry. */
  method?: Bilingual;
  /** The method as confirmed per system (a manual task's owner says how); before `method` and the registry's. */
  methods?: Record<string, Bilingual>;
  reason: { text: Bilingual; legalBasis: string; request: { number: string; date: string } };
  /** p.3 (к), YYYY-MM-DD. */
  destroyedOn: string;
}

export interface ActContext {
  number: string;
  issuedOn: string;
  operator: OperatorProfile;
  registry: SystemsRegistry;
  /** The case's audit events, oldest first: the source of the p.5 log extract. */
  events: readonly AuditEventRow[];
  /** The operator's time zone (the PDF's instants); default Europe/Moscow. */
  timeZone?: string;
}

export class ActInputError extends Error {}

const unique = <T>(xs: T[]) => [...new Set(xs)];

/** The act's data, every Order 179 p.3 field filled (pure: the same input gives the same act). */
export function buildActData(input: ActInput, ctx: ActContext): DestructionAct {
  if (input.destroyedBy.length === 0) throw new ActInputError('an act names at least one person who destroyed the data (Order 179 p.3 (г))');
  if (input.systems.length === 0) throw new ActInputError('an act names the systems or media the data were destroyed in (Order 179 p.3 (е), (ж))');
  const systems = systemsByIds(ctx.registry, input.systems.map((s) => s.id));
  const sheetsOf = (id: string) => input.systems.find((s) => s.id === id)?.sheets;
  const paperless = systems.filter((s) => !s.automated && !sheetsOf(s.id)).map((s) => s.id);
  if (paperless.length > 0) throw new ActInputError(`non-automated system(s) ${paperless.join(', ')} need the number of sheets (Order 179 p.3 (е))`);
  const categories = input.categories?.length ? input.categories : unique(systems.flatMap((s) => s.categories));
  const profile = ctx.operator;
  const processors = unique(systems.flatMap((s) => (s.processor ? [`${s.processor.name}\u0000${s.processor.address}`] : [])))
    .map((key) => {
      const [name = '', address = ''] = key.split('\u0000');
      return { name, address, systems: systems.filter((s) => s.processor?.name === name && s.processor.address === address).map((s) => s.id) };
    });
  const reasonLine = `${input.reason.text.ru} (${input.reason.legalBasis}; запрос ${input.reason.request.number} от ${formatDay(input.reason.request.date, 'ru')})`;
  const reasonWords = { ru: `${input.reason.text.ru} (${input.reason.legalBasis})`, en: `${input.reason.text.en} (${input.reason.legalBasis})` };
  const { logExtract, movedFromLog } = buildLogExtract(input.caseId, ctx.events, systems, {
    subject: input.subject.name, categories, reason: reasonLine, reasonWords,
  });
  // buildLogExtract gives one entry per automated system, in the systems' order.
  const logged = new Map(systems.filter((s) => s.automated).map((s, i) => [s.id, logExtract[i]!.categories]));
  return {
    schema: 'dsar-destruction-act/2',
    number: ctx.number,
    issuedOn: ctx.issuedOn,
    caseId: input.caseId,
    timeZone: ctx.timeZone ?? 'Europe/Moscow',
    operator: {
      name: profile.legalName.ru ?? profile.legalName.asInPolicy, nameAsInPolicy: profile.legalName.asInPolicy,
      address: profile.address.ru ?? profile.address.legal, addressAsInPolicy: profile.address.legal,
      ...(profile.inn ? { inn: profile.inn } : {}), ...(profile.ogrn ? { ogrn: profile.ogrn } : {}),
    },
    processors,
    subject: input.subject,
    destroyedBy: input.destroyedBy,
    categories,
    categoriesBySystem: systems.map((s) => ({ system: s.id, categories: logged.get(s.id) ?? (input.categories?.length ? input.categories : s.categories) })),
    media: systems.filter((s) => !s.automated).map((s) => ({ system: s.id, medium: s.name, sheets: sheetsOf(s.id)! })),
    informationSystems: systems.filter((s) => s.automated).map((s) => ({ id: s.id, name: s.name })),
    methods: systems.map((s) => ({ system: s.id, method: input.methods?.[s.id] ?? input.method ?? s.destructionMethod })),
    reason: input.reason,
    destroyedOn: input.destroyedOn,
    logExtract,
    movedFromLog,
  };
}
