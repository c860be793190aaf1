// JSON schemas of the webhook routes (http/routes/webhooks.ts). Deliveries have no body schema: the body stays raw
// bytes (its signature is over them) and the provider's adapter parses it.
import { maxString } from '../requestSchemas.js';
import { answerObject, textAnswer } from '../responseSchemas.js';

/** Route schemas per webhook route. */
export const webhookSchemas = {
  handshake: {
    querystring: {
      type: 'object',
      properties: {
        'hub.mode': maxString(64),
        'hub.verify_token': maxString(1024),
        'hub.challenge': maxString(256),
      },
    },
    response: textAnswer('text/plain', "Meta's handshake: hub.challenge"),
  },
  cloudApiDelivery: { response: { 200: answerObject({}, 'Delivery durably recorded') } },
  twilioDelivery: { response: textAnswer('text/xml', 'Empty TwiML: no automatic reply') },
} as const;
