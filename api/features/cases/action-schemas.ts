import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DELETION_GROUNDS, FINDINGS } from '../../../domain/case/legal-paths';
import { REQUEST_TYPES } from '../../../domain/case/request-types';
import { ACCESS_INFO_ITEMS, REFUSAL_GROUNDS } from '../../../letters/kinds';
import { literalUnion } from './schemas';

const strict = { additionalProperties: false } as const;
const text = (description: string, maxLength = 2000) => Type.String({ format: 'free-text', minLength: 1, maxLength, description });
const note = Type.Optional(text('Why, for the audit trail'));
const person = Type.Object({
  name: Type.String({ format: 'person-name', minLength: 1, maxLength: 300 }),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
}, strict);

/** Art. 14 p.3: what a valid request must contain. */
export const REQUEST_ITEMS = ['identity_document', 'relation_to_operator', 'signature', 'representative_authority'] as const;

const action = <A extends string, P extends Record<string, TSchema>>(name: A, summary: string, props: P) =>
  Type.Object({ action: Type.Literal(name), ...props, note }, { ...strict, title: name, description: summary });

export const ACTION_BODIES = [
  action('assign', 'Give the case to an officer, who gets its reminders', { assignee: person }),
  action('classify', 'Say which request a letter in triage is: its terms start from the original receipt, never from now', {
    type: literalUnion(REQUEST_TYPES, 'The request the letter makes'),
    deletionGround: Type.Optional(literalUnion(Object.keys(DELETION_GROUNDS) as Array<keyof typeof DELETION_GROUNDS>, 'Deletion only: evidence (7 WD, default) or purpose_achieved (30 days)')),
  }),
  action('request_information', 'Ask the subject for what the request lacks (art. 14 p.3); the term keeps running', {
    missing: Type.Array(literalUnion(REQUEST_ITEMS, 'A missing art. 14 p.3 item'), { minItems: 1, uniqueItems: true }),
  }),
  action('record_information', 'Record what the subject supplied, or what the verification found', {
    finding: Type.Optional(literalUnion(FINDINGS, 'Verification steps: the data are inaccurate, processed unlawfully, or the report was not confirmed')),
    findingDate: Type.Optional(Type.String({ format: 'date', description: 'Day the evidence arrived or the unlawful processing was detected (day 0 of the terms it starts); default today' })),
  }),
  action('extend', 'Extend the term once by 5 working days with a motivated notice, before it ends', { reason: text('The reasons, sent to the subject') }),
  action('block', 'The data are blocked (or, for a destruction that cannot be done in time, blocked pending destruction within 6 months)', {
    reportedAs: Type.Optional(literalUnion(['inaccurate', 'unlawful'] as const, 'What the subject reported, for the blocking notice (default: inaccurate for a correction, unlawful processing for a blocking request)')),
  }),
  action('unblock', 'The block is lifted', {}),
  action('correct', 'The data were corrected', {
    changes: text('What was changed, as the subject will read it'),
    recipients: Type.Optional(Type.Array(person, { maxItems: 50, description: 'Third parties the data were passed to, to be told' })),
  }),
  action('cease', 'Processing stopped', {}),
  action('approve_destruction', 'Deletion: the requester and the ground are checked; the engine may now destroy the data in every system of the registry', {}),
  action('confirm_destruction', 'The data were destroyed: the facts the destruction act needs', {
    what: text('Categories of data destroyed', 1000),
    where: text('Information systems or media', 1000),
    method: text('How they were destroyed', 1000),
    destroyedAt: Type.String({ format: 'date-time' }),
    destroyedBy: Type.Array(Type.Object({ name: Type.String({ format: 'person-name', minLength: 1, maxLength: 300 }), position: text('Position', 300) }, strict), { minItems: 1, maxItems: 20 }),
    recipients: Type.Optional(Type.Array(person, { maxItems: 50 })),
  }),
  action('record_legal_ground', 'Another legal ground allows keeping the data (or the processing was made lawful): which', {
    ground: text('The legal ground, as the subject will read it'),
    retentionUntil: Type.Optional(Type.String({ format: 'date', description: 'Until when the data are kept on that ground' })),
  }),
  action('respond', 'Answer the subject: the art. 14 p.7 information (access) or a notice of what was done', {
    sections: Type.Optional(Type.Array(Type.Object({
      item: literalUnion(ACCESS_INFO_ITEMS, 'Which art. 14 p.7 item'), text: text('The information, as the subject will read it', 5000),
    }, strict), { maxItems: 11, description: 'Access: the information the response letter gives, item by item' })),
  }),
  action('refuse', 'Send a reasoned refusal', {
    ground: literalUnion(REFUSAL_GROUNDS, 'The legal ground: access_restricted (art. 14 p.8), repeat_request (art. 14 p.5–6), request_incomplete (art. 14 p.3), other_federal_law'),
    provision: Type.Optional(text('The exact provision relied on, e.g. п. 4 ч. 8 ст. 14 Закона № 152-ФЗ', 300)),
    reasons: text('The reasons, as the subject will read them'),
  }),
  action('close', 'Close without an answer (the subject withdrew the request, a duplicate)', { reason: text('Why') }),
] as const;

/** One body per action, told apart by `action` (an OpenAPI discriminator). */
export const ActionBody = Type.Unsafe<Static<(typeof ACTION_BODIES)[number]>>({
  type: 'object', required: ['action'], discriminator: { propertyName: 'action' }, oneOf: [...ACTION_BODIES],
  description: 'What the officer did; each action has its own fields',
});
export type ActionBody = Static<(typeof ACTION_BODIES)[number]>;
