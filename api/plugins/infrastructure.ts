import type { Client } from '@temporalio/client';
import fp from 'fastify-plugin';
import type pg from 'pg';
import type { Config } from '../../platform/config';
import { createPool } from '../../platform/db';
import { connectClient } from '../../platform/temporal';
import { loadLegalTime, type LegalTime } from '../../platform/legal-time-config';
import { logOperatorProfile } from '../../operator/profile';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    pg: pg.Pool;
    temporal: Client;
    legalTime: LegalTime;
  }
}

/** The shared things every route uses, created once and closed with the app. */
export const infrastructure = fp<{ config: Config }>(
  async (app, { config }) => {
    const legalTime = loadLegalTime(config);
    logOperatorProfile(app.log, config.operator);
    const pool = createPool(config.databaseUrl);
    const temporal = await connectClient(config.temporal, config.payloadKey);
    app.decorate('config', config);
    app.decorate('legalTime', legalTime);
    app.decorate('pg', pool);
    app.decorate('temporal', temporal);
    app.addHook('onClose', async () => {
      await temporal.connection.close();
      await pool.end();
    });
  },
  { name: 'infrastructure' },
);
