// Project routes through the real server (temp SQLite): settings read/patch, refusals that change nothing, the
// official node SDK's project.updateName, and a project's own templates in its links and replies.
import DescopeClient from '@descope/node-sdk';
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, messageOf, startTestServer, type TestServer } from '../../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ NOTP_APP_NAME: 'Acme Shop' });
});
afterAll(() => server.close());

type Json = Record<string, unknown>;

async function call(method: string, path: string, body?: unknown, auth?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: auth ?? `Bearer ${server.projectId}:${server.managementKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const getProject = async () => (await call('GET', '/v1/mgmt/notp/project')).body as { name: string; settings: Json };
const patch = (body: unknown) => call('PATCH', '/v1/mgmt/notp/project/settings', body);

async function start(loginId: string): Promise<{ pendingRef: string; text: string }> {
  const res = await fetch(`${server.url}/v1/auth/notp/whatsapp/signup-in`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
    body: JSON.stringify({ loginId }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { pendingRef: string; redirectUrl: string };
  return { pendingRef: body.pendingRef, text: messageOf(body.redirectUrl) };
}

describe('GET /v1/mgmt/notp/project', () => {
  it('answers the id, the name from NOTP_APP_NAME and every setting; needs the management key', async () => {
    const r = await call('GET', '/v1/mgmt/notp/project');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      projectId: server.projectId,
      name: 'Acme Shop',
      settings: {
        sessionTtlSec: 600,
        allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
        signingAlg: 'RS256',
      },
    });
    expect(Object.keys(r.body).sort()).toEqual(['name', 'projectId', 'settings']);
    const denied = await call('GET', '/v1/mgmt/notp/project', undefined, `Bearer ${server.projectId}:wrong`);
    expect(denied).toMatchObject({ status: 401, body: { errorCode: errors.managementKeyInvalid.code } });
  });
});

describe('PATCH /v1/mgmt/notp/project/settings', () => {
  it('merges a partial change, answers the whole result, and audits which settings changed', async () => {
    const before = (await getProject()).settings;
    const r = await patch({
      allowedOrigins: ['https://app.example.com', 'http://localhost:*'],
      sessionTtlSec: 300,
      rateLimits: { startPerIp: { limit: 100, windowMs: 60_000 } },
    });
    expect(r.status).toBe(200);
    const expected = {
      ...before,
      allowedOrigins: ['https://app.example.com', 'http://localhost:*'],
      sessionTtlSec: 300,
      rateLimits: { startPerIp: { limit: 100, windowMs: 60_000 } },
    };
    expect(r.body).toEqual({ settings: expected });
    expect((await getProject()).settings).toEqual(expected);

    // Objects merge key by key; null removes an optional setting.
    const merged = await patch({ rateLimits: { managementPerKey: { limit: 50, windowMs: 60_000 } } });
    expect((merged.body['settings'] as Json)['rateLimits']).toEqual({
      startPerIp: { limit: 100, windowMs: 60_000 },
      managementPerKey: { limit: 50, windowMs: 60_000 },
    });
    const removed = await patch({ rateLimits: null, sessionTtlSec: 600 });
    expect(removed.body['settings']).toEqual({ ...expected, sessionTtlSec: 600, rateLimits: undefined });
    expect((await getProject()).settings).not.toHaveProperty('rateLimits');

    const audit = await call('GET', '/v1/mgmt/notp/audit?type=project-changed');
    const details = (audit.body['events'] as { detail: string }[]).map((e) => e.detail);
    // Newest first.
    expect(details).toEqual([
      'settings: rateLimits, sessionTtlSec',
      'settings: rateLimits',
      'settings: allowedOrigins, rateLimits, sessionTtlSec',
    ]);
  });

  it.each([
    [{ sessionTtlSec: 0 }, errors.invalidProjectSettings, 'sessionTtlSec'],
    [{ sessionTtlSec: 86_401 }, errors.invalidProjectSettings, 'sessionTtlSec'],
    [{ refreshTtlSec: 1.5 }, errors.invalidProjectSettings, 'refreshTtlSec'],
    [{ pendingTtlSec: '600' }, errors.invalidProjectSettings, 'pendingTtlSec'],
    [{ allowedOrigins: ['*'] }, errors.invalidProjectSettings, 'allowedOrigins.0'],
    [{ allowedOrigins: ['https://app.example.com/'] }, errors.invalidProjectSettings, 'allowedOrigins.0'],
    [{ allowedOrigins: ['https://APP.example.com'] }, errors.invalidProjectSettings, 'https://app.example.com'],
    [{ allowedOrigins: 'https://app.example.com' }, errors.invalidProjectSettings, 'allowedOrigins'],
    [{ tokenDelivery: 'header' }, errors.invalidProjectSettings, 'tokenDelivery'],
    [{ signingAlg: 'HS256' }, errors.invalidProjectSettings, 'signingAlg'],
    [{ cookieDomain: 'Example.com/x' }, errors.invalidProjectSettings, 'cookieDomain'],
    [{ rateLimits: { startPerIp: { limit: 5 } } }, errors.invalidProjectSettings, 'rateLimits.startPerIp.windowMs'],
    [{ rateLimits: { perMoon: { limit: 5, windowMs: 1000 } } }, errors.invalidProjectSettings, 'perMoon'],
    [{ confirmation: null }, errors.invalidProjectSettings, 'confirmation'],
    [{ appName: 'Other' }, errors.invalidProjectSettings, 'updateName'],
    [{ colour: 'blue' }, errors.invalidProjectSettings, 'colour'],
    [{ templates: { fr: { prefilled: 'Connexion {app} {code}' } } }, errors.invalidMessageTemplate, 'fr'],
    [{ templates: { en: { prefilled: 'Log in to {app}' } } }, errors.invalidMessageTemplate, '{code}'],
    [{ templates: { en: { prefilled: '{code} {code}' } } }, errors.invalidMessageTemplate, 'exactly once'],
    [{ templates: { en: { prefilled: 'Hi {user} {code}' } } }, errors.invalidMessageTemplate, '{user}'],
    [{ templates: { en: { 'signed-in': 'Your code {code}' } } }, errors.invalidMessageTemplate, '{code}'],
    [{ templates: { en: { prefilled: `${'x'.repeat(125)} {code}` } } }, errors.invalidMessageTemplate, '140'],
    [{ templates: { en: { prefilled: 'Use ABCDEFGHJKMNPQRS then {code}' } } }, errors.invalidMessageTemplate, 'parser'],
    [{ templates: { en: { declined: 'x'.repeat(4097) } } }, errors.invalidMessageTemplate, 'templates.en.declined'],
    [
      { templates: { en: { 'confirm-prompt': `${'x'.repeat(1000)} {device}` } } },
      errors.invalidMessageTemplate,
      '1024',
    ],
    [{ templates: { en: { hello: 'hi' } } }, errors.invalidMessageTemplate, 'hello'],
  ])('%j → 400 %s and nothing changes', async (body, error, mentions) => {
    const before = await getProject();
    // A valid change rides along: it must not be applied either.
    const r = await patch({ confirmation: before.settings['confirmation'] !== true, ...body });
    expect(r.status).toBe(400);
    expect(r.body['errorCode']).toBe(error.code);
    expect(String(r.body['errorMessage'])).toContain(mentions);
    expect(await getProject()).toEqual(before);
  });

  it('refuses a body that is not an object', async () => {
    const r = await patch([{ sessionTtlSec: 60 }]);
    expect(r.status).toBe(400);
    expect(String(r.body['errorCode'])).toMatch(/^E011/);
  });
});

describe('management.project.updateName (official @descope/node-sdk)', () => {
  it('renames the project: the next prefilled message and the replies use the new name', async () => {
    const client = DescopeClient({
      projectId: server.projectId,
      baseUrl: server.url,
      managementKey: server.managementKey,
    });
    const res = await client.management.project.updateName('Acme Pay');
    expect(res.ok).toBe(true);
    expect((await getProject()).name).toBe('Acme Pay');
    expect((await start('+16505557001')).text).toMatch(/^Log in to Acme Pay code [0-9A-Z]{16}$/);

    const bad = await client.management.project.updateName('two\nlines');
    expect(bad.ok).toBe(false);
    expect(bad.error?.errorCode).toBe(errors.invalidProjectName.code);
    const empty = await call('POST', '/v1/mgmt/project/update/name', { name: '   ' });
    expect(empty).toMatchObject({ status: 400, body: { errorCode: errors.invalidProjectName.code } });
    expect((await getProject()).name).toBe('Acme Pay');
  });
});

describe("a project's own templates", () => {
  it('are used in its redirectUrl text and its replies, per locale; the code is still found; null restores', async () => {
    const r = await patch({
      templates: {
        en: { prefilled: 'Code {code} for {app}', 'signed-up': 'Welcome aboard {app}!\nYou can close this chat.' },
        es: { prefilled: 'Entrar a {app}: {code}' },
      },
    });
    expect(r.status).toBe(200);
    const { pendingRef, text } = await start('+16505557002');
    expect(text).toMatch(/^Code [0-9A-Z]{16} for Acme Pay$/);
    expect((await server.sendWhatsApp('+16505557002', text)).status).toBe(200);
    const session = await fetch(`${server.url}/v1/auth/notp/pending-session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pendingRef }),
    });
    expect(await session.clone().json()).toMatchObject({ user: { phone: '+16505557002' } });
    expect(session.status).toBe(200); // the code parser found the code in the project's text
    const replies = await eventually(async () => {
      const got = await server.repliesTo('+16505557002');
      return got.length > 0 ? got : undefined;
    });
    expect(replies.map((m) => m.text)).toEqual(['Welcome aboard Acme Pay!\nYou can close this chat.']);

    // Spanish start: the Spanish text; a locale without its own text keeps the built-in one.
    const es = await fetch(`${server.url}/v1/auth/notp/whatsapp/signup-in`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.projectId}`,
        'content-type': 'application/json',
        'accept-language': 'es',
      },
      body: JSON.stringify({ loginId: '+16505557003' }),
    });
    expect(messageOf(((await es.json()) as { redirectUrl: string }).redirectUrl)).toMatch(
      /^Entrar a Acme Pay: [0-9A-Z]{16}$/,
    );

    expect((await patch({ templates: null })).status).toBe(200);
    expect((await start('+16505557004')).text).toMatch(/^Log in to Acme Pay code [0-9A-Z]{16}$/);
  });
});
