// JSON schemas of the simulator routes (http/routes/simulator.ts): the chat page, "send a message", the inbox.
import { maxString } from '../requestSchemas.js';
import { listOf, str, textAnswer } from '../responseSchemas.js';

const sendBody = {
  type: 'object',
  required: ['from'],
  properties: {
    from: maxString(40),
    text: maxString(4096),
    buttonId: maxString(256),
    /** The sender's WhatsApp profile name (default "Simulator <last 4 digits>"). */
    name: maxString(100),
    /** Act as a WhatsApp user with a username: the delivery carries only the BSUID, not the phone. */
    withholdPhone: { type: 'boolean' },
  },
} as const;

const message = {
  type: 'object',
  properties: {
    to: str,
    text: str,
    buttons: listOf({ type: 'object', properties: { id: str, title: str } }),
    at: { type: 'number' },
  },
} as const;

/** Route schemas per simulator route. */
export const simulatorSchemas = {
  chat: {
    querystring: { type: 'object', properties: { text: maxString(4096) } },
    response: textAnswer('text/html', 'The simulator chat page'),
  },
  send: {
    body: sendBody,
    response: { 200: { type: 'object', properties: { messageId: str, status: { type: 'integer' } } } },
  },
  inbox: {
    querystring: { type: 'object', required: ['to'], properties: { to: maxString(40) } },
    response: { 200: { type: 'object', properties: { messages: listOf(message) } } },
  },
} as const;
