// Simulator routes (simulator mode only): the chat page, "send a WhatsApp message" through the real webhook, the inbox.
import { errors, NotpError, routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { normalizePhone, phoneFromWaId, waIdFromPhone } from '../../users/phone.js';
import { cloudApiAppSecret } from '../../whatsapp/createWhatsApp.js';
import { chatPage } from '../../whatsapp/simulator/chatPage.js';
import { simulatedBsuid, simulatedDelivery } from '../../whatsapp/simulator/simulatedDelivery.js';
import { simulatorSchemas } from './simulatorSchemas.js';

const badPhone = (field: string) =>
  new NotpError(errors.invalidRequest, {
    message: `${field} must be a phone number in international format, e.g. +16505551234`,
  });

/** wa_ids the replies for a queried phone may have been sent to (a wa_id as given, and WhatsApp's form of it). */
function recipientsOf(to: string): string[] | null {
  // A '+' left unencoded in a query string arrives as a space: digits alone are read as a wa_id / E.164 digits.
  const trimmed = to.trim();
  if (/^[0-9]{6,17}$/.test(trimmed)) return [...new Set([trimmed, waIdFromPhone(phoneFromWaId(trimmed))])];
  const e164 = normalizePhone(trimmed);
  return e164 ? [waIdFromPhone(e164)] : null;
}

export async function simulatorRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const inbox = deps.simulatorInbox;
  // Not simulator mode: no routes at all, so every simulator path answers the JSON 404 (WHATSAPP.md: forged-webhook control).
  if (deps.config.provider !== 'simulator' || !inbox) return;

  const business = {
    whatsappNumber: deps.config.whatsappNumber,
    phoneNumberId: deps.config.cloudApi.phoneNumberId,
    appSecret: cloudApiAppSecret(deps.config, deps.masterKey),
  };

  app.get<{ Querystring: { text?: string } }>(
    routes.simulator.chat,
    { schema: simulatorSchemas.chat },
    async (request, reply) => {
      const nonce = deps.random.bytes(16).toString('base64');
      return reply
        .header(
          'content-security-policy',
          `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; ` +
            "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(chatPage({ businessNumber: deps.config.whatsappNumber, text: request.query.text ?? '', nonce }));
    },
  );

  app.post<{ Body: { from: string; text?: string; buttonId?: string; name?: string; withholdPhone?: boolean } }>(
    routes.simulator.messages,
    { schema: simulatorSchemas.send },
    async (request, reply) => {
      const { from, text, buttonId, name, withholdPhone } = request.body;
      const e164 = normalizePhone(from);
      if (!e164) throw badPhone('from');
      if (text === undefined && buttonId === undefined) {
        throw new NotpError(errors.missingArguments, { message: 'Send text or buttonId' });
      }
      const waId = waIdFromPhone(e164);
      // A tap replies in the context of the message that carried the button, as WhatsApp does.
      const carrier =
        buttonId === undefined
          ? undefined
          : inbox.list(waId).findLast((m) => m.buttons?.some((b) => b.id === buttonId));
      const title = carrier?.buttons?.find((b) => b.id === buttonId)?.title ?? 'Reply';
      const messageId = `wamid.${deps.random.bytes(30).toString('base64')}`;
      const { rawBody, signature } = simulatedDelivery(business, {
        waId,
        bsuid: simulatedBsuid(business.appSecret, e164),
        withholdPhone: withholdPhone === true,
        profileName: name ?? `Simulator ${e164.slice(-4)}`,
        messageId,
        now: deps.clock.now(),
        ...(buttonId === undefined ? { text } : { button: { id: buttonId, title, contextId: carrier?.messageId } }),
      });
      // Through the real route: the production signature check, parser and flow all run.
      const res = await app.inject({
        method: 'POST',
        url: routes.webhooks.whatsapp,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        payload: rawBody,
      });
      if (res.statusCode >= 300) {
        return reply.status(res.statusCode).type('application/json; charset=utf-8').send(res.body);
      }
      return { messageId, status: res.statusCode };
    },
  );

  app.get<{ Querystring: { to: string } }>(
    routes.simulator.messages,
    { schema: simulatorSchemas.inbox },
    async (request) => {
      const recipients = recipientsOf(request.query.to);
      if (!recipients) throw badPhone('to');
      const messages = recipients
        .flatMap((to) => inbox.list(to))
        .sort((a, b) => a.at - b.at)
        .map(({ to, text, buttons, at }) => (buttons ? { to, text, buttons, at } : { to, text, at }));
      return { messages };
    },
  );
}
