import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { CASE_STATUSES } from '../../domain/case/case-status';
import { STEPS } from '../../domain/case/legal-paths';
import { CASE_TYPES } from '../../domain/case/request-types';
import { literalUnion } from '../../api/features/cases/schemas';
import { readCaseList, type ListFilters } from '../read/case-list';
import { renderPage } from '../render';
import { html, pageContext } from '../session';

/** The filter form sends every field; an empty one means "any", so each enum also accepts "". */
const choice = <T extends readonly string[]>(values: T, description: string) => Type.Optional(literalUnion([...values, ''] as const, description));
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  type: choice(CASE_TYPES, 'request type'), step: choice(STEPS, 'step'), status: choice(CASE_STATUSES, 'status'),
  overdue: choice(['true', 'false'] as const, 'overdue'),
  assignee: Type.Optional(Type.String({ maxLength: 300 })),
  dueBefore: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Literal('')])),
  sort: Type.Optional(literalUnion(['due', '-due', 'new'] as const, 'order')),
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })),
}, { additionalProperties: false });
type ListQuery = Static<typeof ListQuery>;

/** Empty form fields dropped; the defaults: nearest due first, page 1. */
export function filtersFrom(q: ListQuery): ListFilters {
  const pick = <K extends keyof ListQuery>(k: K) => (q[k] ? q[k] : undefined);
  return {
    q: pick('q')?.trim() || undefined, type: pick('type'), step: pick('step'), status: pick('status'),
    overdue: pick('overdue') as ListFilters['overdue'], assignee: pick('assignee'), dueBefore: pick('dueBefore'),
    sort: q.sort ?? 'due', page: Number(q.page ?? 1),
  };
}

export const caseListRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/cases', { schema: { hide: true, querystring: ListQuery } }, async (request, reply) => {
    const filters = filtersFrom(request.query);
    const list = await readCaseList(app.pg, filters, { legalTime: app.legalTime, now: Date.now() });
    const pageUrl = (page: number) => {
      const params = new URLSearchParams(Object.entries({ ...filters, page: String(page) }).filter(([, v]) => v !== undefined && v !== '') as Array<[string, string]>);
      return `/cases?${params.toString()}`;
    };
    const ctx = pageContext(request, reply, (tr) => tr.t('list.title'), 'cases');
    return html(reply, renderPage('cases', ctx, {
      filters, list, pageUrl, options: { types: CASE_TYPES, steps: STEPS, statuses: CASE_STATUSES },
    }));
  });
};
