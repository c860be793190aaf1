// Test support: real deps (SQLite :memory:, real flows) behind only the webhook, simulator and error-handling plugins.
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../../config/config.js';
import type { Deps } from '../../deps.js';
import { type FlowTestKit, makeFlowDeps } from '../../flows/notp/testing/makeFlowDeps.js';
import { createWhatsApp } from '../createWhatsApp.js';
import { createReplyQueue } from '../ReplyQueue.js';
import { registerErrorHandling } from '../../http/errorHandler.js';
import { simulatorRoutes } from '../../http/routes/simulator.js';
import { webhookRoutes } from '../../http/routes/webhooks.js';

export interface WebhookTestApp {
  app: FastifyInstance;
  deps: Deps;
  kit: FlowTestKit;
  appSecret: string;
  close(): Promise<void>;
}

/** `env` configures the WhatsApp side (provider, secrets); storage, tokens and the clock come from the flow kit. */
export async function webhookTestApp(env: Record<string, string> = {}): Promise<WebhookTestApp> {
  const kit = await makeFlowDeps();
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', NOTP_PUBLIC_URL: 'http://127.0.0.1:4000', ...env });
  const log = pino({ level: 'silent' });
  const { whatsapp, simulatorInbox, appSecret } = createWhatsApp(config, kit.deps.masterKey, log);
  const deps: Deps = {
    ...kit.deps,
    config,
    whatsapp,
    simulatorInbox,
    replies: createReplyQueue({ sender: whatsapp.sender, log }),
  };
  // Same validation settings as buildApp (no type coercion), so schema tests mean what they say.
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  registerErrorHandling(app);
  await app.register(webhookRoutes, { deps });
  await app.register(simulatorRoutes, { deps });
  await app.ready();
  return {
    app,
    deps,
    kit,
    appSecret,
    async close() {
      await app.close();
      await deps.replies.drain(2000);
      await kit.close();
    },
  };
}
