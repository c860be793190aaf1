// Tests for the Cloud API sender against a local HTTP server that plays Graph.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderSendError } from '../ProviderSendError.js';
import { startFakeProvider, type FakeProvider } from '../testing/startFakeProvider.js';
import { CloudApiSender } from './CloudApiSender.js';

const OK = { status: 200, body: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.OUT1' }] } };
let graph: FakeProvider;
let sender: CloudApiSender;

beforeAll(async () => {
  graph = await startFakeProvider(OK);
  sender = new CloudApiSender({ graphUrl: `${graph.url}/v24.0/`, phoneNumberId: '1234567', accessToken: 'tok-abc' });
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.requests.length = 0;
  graph.script.length = 0;
});

describe('CloudApiSender', () => {
  it('posts a text message to /<phone-number-id>/messages with the bearer token', async () => {
    const result = await sender.send({ to: '5215512345678', text: 'You are signed in', replyTo: 'wamid.IN' });
    expect(result).toEqual({ messageId: 'wamid.OUT1' });
    const [req] = graph.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v24.0/1234567/messages');
    expect(req?.headers.authorization).toBe('Bearer tok-abc');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5215512345678', // exactly as received: never re-derived from E.164
      context: { message_id: 'wamid.IN' },
      type: 'text',
      text: { body: 'You are signed in', preview_url: false },
    });
  });

  it('posts reply buttons as an interactive message, clipping titles to 20 characters', async () => {
    await sender.send({
      to: '16505551234',
      text: 'Is it you logging in to Acme?',
      buttons: [
        { id: 'c:yes:n0nce', title: "Yes, it's me" },
        { id: 'c:no:n0nce', title: 'No, it was not me at all' },
      ],
    });
    expect(JSON.parse(graph.requests[0]?.body ?? '')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Is it you logging in to Acme?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'c:yes:n0nce', title: "Yes, it's me" } },
            { type: 'reply', reply: { id: 'c:no:n0nce', title: 'No, it was not me at' } },
          ],
        },
      },
    });
  });

  it('addresses a BSUID with recipient instead of to', async () => {
    await sender.send({ to: 'US.13491208655302741918', text: 'hi' });
    const body = JSON.parse(graph.requests[0]?.body ?? '');
    expect(body.recipient).toBe('US.13491208655302741918');
    expect(body.to).toBeUndefined();
  });

  it.each([
    [429, { error: { message: 'Too many', code: 80007 } }, true, 80007],
    [400, { error: { message: 'Throughput', code: 130429 } }, true, 130429],
    [400, { error: { message: 'App rate limit', code: 4 } }, true, 4],
    [500, { error: { message: 'Oops', code: 1 } }, true, 1],
    [503, 'Service Unavailable', true, null],
    [401, { error: { message: 'Token expired', code: 190 } }, false, 190],
    [400, { error: { message: 'Bad param', code: 100 } }, false, 100],
    [400, { error: { message: 'Pair rate', code: 131056 } }, false, 131056],
    [400, { error: { message: 'Window closed', code: 131047 } }, false, 131047],
  ])('status %i %j → retryable %s, code %s', async (status, body, retryable, code) => {
    graph.script.push({ status, body });
    const err = await sender.send({ to: '16505551234', text: 'x' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderSendError);
    expect((err as ProviderSendError).retryable).toBe(retryable);
    expect((err as ProviderSendError).status).toBe(status);
    expect((err as ProviderSendError).providerCode).toBe(code);
    expect((err as ProviderSendError).message).not.toContain('tok-abc');
  });

  it('a network failure is retryable with status 0', async () => {
    const offline = new CloudApiSender({ graphUrl: 'http://127.0.0.1:1', phoneNumberId: '1', accessToken: 't' });
    const err = await offline.send({ to: '1', text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderSendError);
    expect((err as ProviderSendError).retryable).toBe(true);
    expect((err as ProviderSendError).status).toBe(0);
  });
});
