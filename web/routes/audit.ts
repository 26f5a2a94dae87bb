import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../api/errors';
import { verifyAuditChain } from '../../cli/audit-verify';
import { operatorDays } from '../operator-day';
import { listActs, readAct } from '../read/acts';
import { renderPage } from '../render';
import { html, pageContext } from '../session';

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
    return html(reply, renderPage('audit', ctx, { acts, verification, origin, from: days.monthAgo, today: days.today }));
  });

  app.get('/acts/:number.:ext', { schema: { hide: true, params: ActParams } }, async (request, reply) => {
    const { number, ext } = request.params;
    const act = await readAct(app.pg, number);
    if (!act || (ext === 'p7s' && !act.signature)) throw new AppError(404, 'act_not_found', `No ${ext === 'p7s' ? 'signed ' : ''}act ${number}; the register is on /audit.`);
    return reply
      .type(ext === 'pdf' ? 'application/pdf' : 'application/pkcs7-signature')
      .header('content-disposition', `attachment; filename="${number}.${ext}"`)
      .send(ext === 'pdf' ? act.pdf : act.signature);
  });
};
