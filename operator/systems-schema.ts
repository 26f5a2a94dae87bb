import { Type, type Static } from '@sinclair/typebox';

/**
 * The registry of the operator's information systems: where the subject's data live, who answers for each
 * system, who processes it on the operator's instruction and how destruction is done there. Destruction acts
 * (RKN Order 179 p.3 (б), (ж), (з)) and the per-system destruction tasks read it. One JSON file per operator
 * (operator/systems/*.json); every object refuses unknown fields, as the operator profile does.
 */
const strict = { additionalProperties: false } as const;
const Text = Type.String({ minLength: 1, pattern: '\\S' });

const SystemOwner = Type.Object({
  name: Text,
  position: Text,
  email: Type.String({ format: 'email' }),
}, { ...strict, description: 'Who answers for the system: receives its manual destruction tasks and confirms them' });

const Processor = Type.Object({
  name: Text,
  address: Text,
}, { ...strict, description: 'A processor acting on the operator\'s instruction (Order 179 p.3 (б))' });

const NoConnector = Type.Object({ kind: Type.Literal('none') }, { ...strict, description: 'Destruction is a manual task for the owner' });

const PostgresConnector = Type.Object({
  kind: Type.Literal('postgres'),
  /** The name of the environment variable holding the connection string: secrets never sit in this file. */
  connectionStringEnv: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'Environment variable with the connection string' }),
  /** SQL returning the keys of the subject's rows in its first column; $1 = e-mail, $2 = name, $3 = case number. */
  find: Type.String({ minLength: 1, pattern: '\\S', description: 'SELECT returning the subject\'s row keys (first column); parameters $1 e-mail, $2 name, $3 case number' }),
  /** Run once per key ($1 = the key, $2 = the case number): marks the row blocked. Optional. */
  block: Type.Optional(Type.String({ minLength: 1, pattern: '\\S', description: 'Blocks one row: $1 = its key, $2 = the case number' })),
  /** Run once per key ($1 = the key, $2 = the case number): deletes or anonymises the row. Must be safe to run twice. */
  erase: Type.String({ minLength: 1, pattern: '\\S', description: 'Deletes or anonymises one row: $1 = its key, $2 = the case number; must be safe to run twice' }),
}, { ...strict, description: 'Destruction by SQL against the system\'s PostgreSQL database, one transaction per step' });

export type PostgresConnectorSettings = Static<typeof PostgresConnector>;

export const InformationSystemSchema = Type.Object({
  id: Type.String({ pattern: '^[a-z][a-z0-9-]*$', description: 'Stable id, kebab-case, e.g. "crm"' }),
  name: Type.Object({ ru: Text, en: Text }, { ...strict, description: 'The system\'s name as the act states it (Order 179 p.3 (ж))' }),
  categories: Type.Array(Text, { minItems: 1, description: 'Categories of personal data the system holds (in Russian, as the act states them)' }),
  owner: SystemOwner,
  processor: Type.Optional(Processor),
  destructionMethod: Type.Object({ ru: Text, en: Text }, { ...strict, description: 'How destruction is done there (Order 179 p.3 (з))' }),
  /** Automated processing: the act needs a log extract (Order 179 p.5); otherwise the medium and sheets. */
  automated: Type.Boolean(),
  connector: Type.Union([NoConnector, PostgresConnector], { default: { kind: 'none' } }),
}, strict);

export const SystemsRegistrySchema = Type.Object({
  source: Type.Optional(Type.Object({ document: Text }, strict)),
  /** Whose systems these are: start-up refuses a registry whose operator is not the profile's (its INN, else its name). */
  operator: Type.Optional(Type.Object({ name: Text, inn: Type.Optional(Type.String({ pattern: '^\\d{10}(\\d{2})?$' })) }, strict)),
  systems: Type.Array(InformationSystemSchema, { minItems: 1 }),
}, strict);

export type InformationSystem = Static<typeof InformationSystemSchema>;
export type SystemsRegistry = Static<typeof SystemsRegistrySchema>;
