import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CHART, weekBars } from '../chart';
import { operatorDays } from '../operator-day';
import { readDashboard } from '../read/dashboard';
import { renderPage } from '../render';
import { html, pageContext } from '../session';

export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { hide: true, querystring: Type.Object({}, { additionalProperties: false }) } }, async (request, reply) => {
    const timeZone = app.legalTime.timeZone;
    const days = operatorDays(Date.now(), timeZone);
    const dashboard = await readDashboard(app.pg, { today: days.today, weekEnd: days.weekEnd, timeZone });
    const ctx = pageContext(request, reply, (tr) => tr.t('dash.title'), 'dashboard');
    return html(reply, renderPage('dashboard', ctx, { dashboard, bars: weekBars(dashboard.weeks), chart: CHART, ...days }));
  });
};
