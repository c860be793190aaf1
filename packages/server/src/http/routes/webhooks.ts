// Webhook routes: Meta's handshake and Cloud API deliveries, Twilio deliveries — raw bytes kept, signature first.
import { errors, NotpError, routes } from '@notp/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import type { Deps } from '../../deps.js';
import { receiveMessage } from '../../flows/notp/receiveMessage.js';
import { type HandshakeQuery, handshakeVerifier } from '../../whatsapp/cloud-api/handshake.js';
import type { RawDelivery, WebhookAdapter } from '../../whatsapp/ports.js';
import { webhookSchemas } from './webhooksSchemas.js';
import { WEBHOOK } from '../../activity/activityMetrics.js';
import { SERVER_WIDE } from '../../store/activityPorts.js';

/** Meta sends bodies up to 3 MB; a Twilio form is far smaller but shares the limit. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024; // bytes

/** The delivery exactly as received: signatures are over these bytes, so the body is never re-serialised. */
function rawDeliveryOf(request: FastifyRequest): RawDelivery {
  return {
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    headers: request.headers,
    contentType: request.headers['content-type'],
  };
}

/**
 * Signature, then parse, then each message through the flow. The flow commits (and dedupes) before we answer, so a
 * 200 means nothing is lost if we crash right after; a store failure throws → 5xx → the provider redelivers.
 */
async function deliver(deps: Deps, adapter: WebhookAdapter, request: FastifyRequest): Promise<number> {
  const delivery = rawDeliveryOf(request);
  if (!adapter.verifySignature(delivery)) {
    throw new NotpError(errors.webhookSignatureInvalid, {
      detail: `${adapter.provider} delivery failed its signature`,
    });
  }
  deps.activity?.count(SERVER_WIDE, WEBHOOK);
  const messages = adapter.parse(delivery);
  for (const message of messages) await receiveMessage(deps, message);
  return messages.length;
}

export async function webhookRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  // Own scope: the raw-bytes body parser below must not replace the API's strict JSON parser elsewhere.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => {
      done(null, body);
    });

    const cloudApi = deps.whatsapp.cloudApi;
    if (cloudApi) {
      const verifyHandshake = handshakeVerifier(deps.config.cloudApi.verifyToken);

      scope.get<{ Querystring: HandshakeQuery }>(
        routes.webhooks.whatsapp,
        { schema: webhookSchemas.handshake },
        async (request, reply) => {
          const challenge = verifyHandshake(request.query);
          // Echoed as inert text: nosniff stops a browser from treating a crafted challenge as HTML.
          return reply.header('x-content-type-options', 'nosniff').type('text/plain; charset=utf-8').send(challenge);
        },
      );

      scope.post(
        routes.webhooks.whatsapp,
        { bodyLimit: WEBHOOK_BODY_LIMIT, schema: webhookSchemas.cloudApiDelivery },
        async (request, reply) => {
          const handled = await deliver(deps, cloudApi, request);
          if (handled === 0 && !looksLikeJsonObject(request.body)) {
            // Signed but not JSON: only the app secret's holder can send this, and a 4xx would make Meta retry the
            // same bytes for 7 days (and may flag the subscription) without ever changing the outcome. So: 200 + warn.
            request.log.warn(
              { bytes: Buffer.isBuffer(request.body) ? request.body.length : 0 },
              'signed webhook body is not JSON',
            );
          }
          return reply.send({});
        },
      );
    }

    const twilio = deps.whatsapp.twilio;
    if (twilio) {
      scope.post(
        routes.webhooks.twilio,
        { bodyLimit: WEBHOOK_BODY_LIMIT, schema: webhookSchemas.twilioDelivery },
        async (request, reply) => {
          await deliver(deps, twilio, request);
          // Twilio expects TwiML (or nothing); an empty <Response/> means "no automatic reply".
          return reply.type('text/xml; charset=utf-8').send('<Response/>');
        },
      );
    }
  });
}

/** Cheap check (first non-space byte) so that valid deliveries are parsed only once, by the adapter. */
function looksLikeJsonObject(body: unknown): boolean {
  if (!Buffer.isBuffer(body)) return false;
  for (const byte of body) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b; // '{'
  }
  return false;
}
