import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RULE_IDS, computeDeadline, isLegalTimeError } from '../../../domain/legal-time';
import { AppError } from '../../errors';
import { Deadline, ErrorBody, literalUnion } from '../cases/schemas';

const DeadlineQuery = Type.Object(
  {
    rule: literalUnion(RULE_IDS, 'Rule id from 152-fz.md'),
    from: Type.String({ description: 'Day 0: a date YYYY-MM-DD (operator time) or an ISO instant with offset', examples: ['2025-10-24'] }),
  },
  { additionalProperties: false },
);

export const deadlineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/deadlines', {
    schema: {
      tags: ['legal time'], summary: 'Compute a statutory deadline on the production calendar',
      querystring: DeadlineQuery, response: { 200: Deadline, 400: ErrorBody, 401: ErrorBody },
    },
  }, async (request) => {
    try {
      return computeDeadline({ rule: request.query.rule, from: request.query.from }, app.legalTime);
    } catch (err) {
      if (isLegalTimeError(err)) throw new AppError(400, err.code, err.message);
      throw err;
    }
  });
};
