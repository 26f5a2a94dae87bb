import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TZDate } from '@date-fns/tz';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../api/errors';
import { sendExport } from '../../api/features/audit/export-stream';
import { AUDIT_ROLES } from '../../api/features/audit/schemas';
import { verifyAuditChain } from '../../cli/audit-verify';
import { operatorDays } from '../operator-day';
import { listActs, readAct } from '../read/acts';
import { renderPage } from '../render';
import { html, pageContext } from '../session';

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const ExportForm = Type.Object({ from: Day, to: Day, format: Type.Union([Type.Literal('csv'), Type.Literal('jsonl')]) }, { additionalProperties: false });

/** The first instant of a calendar day in the operator's time zone (the days terms are counted in). */
const startOfDay = (day: string, timeZone: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(+new TZDate(y, m - 1, d + plusDays, timeZone)).toISOString();
};

const ActParams = Type.Object({ number: Type.String({ pattern: '^179-[0-9]{4}-[0-9]{6,}$' }), ext: Type.Union([Type.Literal('pdf'), Type.Literal('p7s')]) }, { additionalProperties: false });

/** The auditor's page: the act register with downloads, the export, and the audit chain check on demand. Read-only for everyone. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit', { schema: { hide: true, querystring: Type.Object({ verify: Type.Optional(Type.Literal('1')) }, { additionalProperties: false }) } }, async (request, reply) => {
    const days = operatorDays(Date.now(), app.legalTime.timeZone);
    const acts = await listActs(app.pg);
    let verification;
    if (request.query.verify) {
      // One read-only snapshot of the whole chain, as `dsar audit verify` reads it.
      const client = await app.pg.connect();
      try { verification = await verifyAuditChain(client); } finally { client.release(); }
    }
    const origin = `${request.protocol}://${request.host}`;
    const ctx = pageContext(request, reply, (tr) => tr.t('audit.title'), 'audit');
    const canExport = (AUDIT_ROLES as readonly string[]).includes(request.user?.role ?? '');
    return html(reply, renderPage('audit', ctx, { acts, verification, origin, canExport, from: days.monthAgo, today: days.today }));
  });

  // The export form: the API's stream (a PostgreSQL cursor, CSV or JSON Lines) for whole days, `to` included.
  app.get('/audit/export', { schema: { hide: true, querystring: ExportForm } }, async (request, reply) => {
    const role = request.user?.role;
    if (!role || !(AUDIT_ROLES as readonly string[]).includes(role)) {
      throw new AppError(403, 'forbidden', `The role "${role}" may not export the audit log; allowed roles: ${AUDIT_ROLES.join(', ')}.`);
    }
    const { from, to, format } = request.query;
    if (from > to) throw new AppError(400, 'invalid_period', '"From" must be on or before "To".');
    const tz = app.legalTime.timeZone;
    return sendExport(reply, app.pg, { from: startOfDay(from, tz), to: startOfDay(to, tz, 1), format });
  });

  app.get('/acts/:number.:ext', { schema: { hide: true, params: ActParams } }, async (request, reply) => {
    const { number, ext } = request.params;
    const act = await readAct(app.pg, number);
    if (act && !act.pdf) throw new AppError(410, 'act_purged', `Act ${number} was purged after its retention period; its register entry and hashes remain.`);
    if (!act || (ext === 'p7s' && !act.signature)) throw new AppError(404, 'act_not_found', `No ${ext === 'p7s' ? 'signed ' : ''}act ${number}; the register is on /audit.`);
    return reply
      .type(ext === 'pdf' ? 'application/pdf' : 'application/pkcs7-signature')
      .header('content-disposition', `attachment; filename="${number}.${ext}"`)
      .send(ext === 'pdf' ? act.pdf : act.signature);
  });
};
