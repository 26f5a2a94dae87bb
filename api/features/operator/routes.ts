import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RULES, type RuleId } from '../../../domain/legal-time';
import { OperatorProfileSchema, operatorTerms, profileGaps } from '../../../operator/profile';
import { ErrorBody, NoQuery } from '../cases/schemas';

const Unit = Type.String({ description: 'working_days, calendar_days, months, hours, …' });

const Conflict = Type.Object({
  rule: Type.String({ description: 'Rule id the promise is about' }),
  clause: Type.String({ description: 'Where the policy promises it, e.g. "§9.5"' }),
  promised: Type.Object({ n: Type.Integer(), unit: Unit, extension: Type.Union([Type.Integer(), Type.Null()]) }),
  statutory: Type.Object({ n: Type.Integer(), unit: Unit, extension: Type.Union([Type.Integer(), Type.Null()]), basis: Type.String() }),
  applied: Type.Object({ n: Type.Integer(), unit: Unit }, { description: 'What the engine counts: the statutory term' }),
  message: Type.String(),
});

const OperatorView = Type.Object({
  profile: OperatorProfileSchema,
  appliedTerms: Type.Record(Type.String(), Type.Object({ n: Type.Integer(), unit: Unit }), {
    description: 'Internal terms the engine applies, per rule id: each promise, at most the statute',
  }),
  conflicts: Type.Array(Conflict, { description: 'Promises beyond the statute, applied as the statute' }),
  gaps: Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
    description: 'Fields the profile lacks that letters, acts or escalations will miss',
  }),
});

/** Who the operator is, as every letter and escalation will say it, and how its policy's promises are applied. */
export const operatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const profile = app.config.operator;
  const { applied, conflicts } = operatorTerms(profile);
  const appliedTerms = Object.fromEntries(Object.entries(applied).map(([rule, term]) => [rule, { n: term!.n, unit: RULES[rule as RuleId].unit }]));
  const view = { profile, appliedTerms, conflicts: [...conflicts], gaps: profileGaps(profile) };
  app.get('/api/v1/operator', {
    schema: {
      tags: ['operator'], summary: 'The operator profile, the internal terms applied and conflicts with the statute', querystring: NoQuery,
      response: { 200: OperatorView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
  }, async () => view);
};
