import fp from 'fastify-plugin';
import { startOpeningReconciler } from '../../opening/reconciler';

/**
 * The API process starts the cases it (or e-mail intake) accepted while Temporal was away (docs/adr/016), every
 * DSAR_OPENING_RECONCILE_MS. Off when the setting is 0 or absent (tests that build the app choose it).
 */
export const openingReconciler = fp(async (app) => {
  const everyMs = app.config.openingReconcileMs;
  if (!everyMs) return;
  let reconciler: ReturnType<typeof startOpeningReconciler> | undefined;
  app.addHook('onReady', async () => {
    reconciler = startOpeningReconciler({ pg: app.pg, temporal: app.temporal, config: app.config, legalTime: app.legalTime }, everyMs, app.log);
  });
  app.addHook('onClose', async () => { await reconciler?.stop(); });
}, { name: 'opening-reconciler', dependencies: ['infrastructure'] });
