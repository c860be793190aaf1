// The console's data routes on the real server: keys, activity from real logins, template preview, login history.
import { errors, routes } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, manualClock, startTestServer, type TestServer } from '../../../test/harness.js';
import { call, loginWithWhatsApp, mgmtAuth } from '../../../test/security/securityKit.js';
import { runJanitor } from '../../maintenance/startJanitor.js';
import type { ActivityAnswer } from '../../flows/activity/readActivity.js';
import { SAMPLE_CODE } from '../../flows/management/previewTemplates.js';

const MIN = 60_000;
let server: TestServer;
const clock = manualClock();
beforeAll(async () => {
  server = await startTestServer({}, { clock });
});
afterAll(() => server.close());

const get = async (path: string) => {
  const r = await call(server, 'GET', path, { auth: mgmtAuth(server) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Record<string, unknown>;
};

type Activity = ActivityAnswer;

/** Everything this instance counted, written to the store (as the timer does every few seconds). */
async function flush(): Promise<void> {
  await server.deps.replies.drain(5_000);
  await server.deps.activity?.flush();
}

describe('console data: management auth', () => {
  it.each([
    ['GET', routes.mgmt.notpKeys],
    ['GET', `${routes.mgmt.notpActivity}?range=day`],
    ['GET', `${routes.mgmt.notpLoginHistory}?userId=U1`],
    ['POST', routes.mgmt.notpTemplatesPreview],
  ] as const)('%s %s without the management key is 401', async (method, path) => {
    const r = await call(server, method, path, method === 'POST' ? { body: { locale: 'en' } } : {});
    expect(r.status).toBe(401);
    expect(r.body['errorCode']).toBe(errors.managementKeyInvalid.code);
  });
});

describe('console data: signing keys', () => {
  it('lists the active key, and after a rotation the new one first and the old one retiring', async () => {
    const before = (await get(routes.mgmt.notpKeys))['keys'] as Record<string, unknown>[];
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ status: 'active', retiresAt: null });
    const rotated = await call(server, 'POST', routes.mgmt.notpKeysRotate, { auth: mgmtAuth(server), body: {} });
    expect(rotated.status).toBe(200);
    const after = (await get(routes.mgmt.notpKeys))['keys'] as Record<string, unknown>[];
    expect(after.map((k) => k['kid'])).toEqual([rotated.body['kid'], before[0]!['kid']]);
    expect(after[0]).toMatchObject({ status: 'active', retiresAt: null, alg: before[0]!['alg'] });
    expect(after[1]).toMatchObject({ status: 'retiring', createdAt: before[0]!['createdAt'] });
    expect(after[1]!['retiresAt']).toBeGreaterThan(clock.now());
  });
});

describe('console data: activity from real logins', () => {
  it('counts started, received, completed and failed logins (by reason) and the provider, from the store', async () => {
    const empty = (await get(`${routes.mgmt.notpActivity}?range=hour`)) as unknown as Activity;
    expect(empty.funnel).toEqual({ started: 0, received: 0, completed: 0 });
    expect(empty.completionMs).toEqual({ p50: null, p95: null, count: 0 });
    expect(empty).toMatchObject({ range: 'hour', bucketMs: MIN, failures: [] });
    expect(empty.buckets).toHaveLength(60);
    expect(empty.to - empty.from).toBe(60 * MIN);

    // One completed login, one sent from the wrong phone, one abandoned (expires unfinished).
    const done = await loginWithWhatsApp(server, '+16505550901');
    const wrong = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '+16505550902' } });
    const sent = await server.sendWhatsApp('+16505550903', messageOf(String(wrong.body['redirectUrl'])));
    expect(sent.status).toBe(200);
    const abandoned = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '+16505550904' } });
    expect(abandoned.status).toBe(200);

    // Counted in memory only until a flush: the store (what every instance reads) has nothing yet.
    const unflushed = (await get(`${routes.mgmt.notpActivity}?range=hour`)) as unknown as Activity;
    expect(unflushed.funnel.started).toBe(0);
    await flush();
    const now = (await get(`${routes.mgmt.notpActivity}?range=hour`)) as unknown as Activity;
    expect(now.funnel).toEqual({ started: 3, received: 2, completed: 1 });
    expect(now.failures).toEqual([{ reason: 'wrong-sender', count: 1 }]);
    expect(now.completionMs.count).toBe(1);
    // The clock did not move: the login took 0 ms, in the smallest histogram bucket.
    expect(now.completionMs).toMatchObject({ p50: 1_000, p95: 1_000 });
    const current = now.buckets.at(-1)!;
    expect(current).toEqual({ at: now.to - MIN, started: 3, received: 2, completed: 1, failed: 1 });
    expect(now.buckets.slice(0, -1).every((b) => b.started + b.failed === 0)).toBe(true);
    expect(now.provider.name).toBe('simulator');
    expect(now.provider.lastWebhookAt).toBe(clock.now());
    // Replies: "signed up" and "wrong sender" (the server-wide counters; other servers on a shared database add).
    expect(now.provider.repliesSent).toBeGreaterThanOrEqual(2);
    expect(done.userId).toMatch(/^U/);

    // The abandoned login expires; the janitor counts it once, in the minute it expired.
    clock.advance(11 * MIN);
    await runJanitor(server.deps);
    await runJanitor(server.deps);
    const later = (await get(`${routes.mgmt.notpActivity}?range=hour`)) as unknown as Activity;
    expect(later.failures).toEqual([
      { reason: 'expired', count: 1 },
      { reason: 'wrong-sender', count: 1 },
    ]);
    expect(later.buckets.reduce((n, b) => n + b.failed, 0)).toBe(2);
    expect(later.funnel).toEqual(now.funnel);

    // Wider ranges hold the same counts in bigger buckets.
    const day = (await get(`${routes.mgmt.notpActivity}?range=day`)) as unknown as Activity;
    expect(day).toMatchObject({ range: 'day', bucketMs: 15 * MIN, funnel: now.funnel });
    expect(day.buckets).toHaveLength(96);
    const week = (await get(routes.mgmt.notpActivity.concat('?range=week'))) as unknown as Activity;
    expect(week).toMatchObject({ bucketMs: 60 * MIN, funnel: now.funnel, failures: later.failures });
    expect(week.buckets).toHaveLength(168);
  });

  it('writes what an instance counted when it shuts down (no explicit flush)', async () => {
    const before = (await get(`${routes.mgmt.notpActivity}?range=hour`)) as unknown as Activity;
    const started = await call(server, 'POST', routes.notp.signUpOrIn, { body: { loginId: '+16505550911' } });
    expect(started.status).toBe(200);
    await server.restart();
    const after = (await get(`${routes.mgmt.notpActivity}?range=hour`)) as unknown as Activity;
    expect(after.funnel.started).toBe(before.funnel.started + 1);
  });

  it('refuses an unknown range with a 400 catalogue error', async () => {
    const r = await call(server, 'GET', `${routes.mgmt.notpActivity}?range=month`, { auth: mgmtAuth(server) });
    expect(r.status).toBe(400);
    expect(typeof r.body['errorCode']).toBe('string');
  });
});

describe('console data: template preview', () => {
  const preview = (body: unknown) =>
    call(server, 'POST', routes.mgmt.notpTemplatesPreview, { auth: mgmtAuth(server), body });

  it('fills the saved texts with the project name and a sample code; unsaved edits win', async () => {
    const project = await get(routes.mgmt.notpProject);
    const name = String(project['name']);
    const saved = await preview({ locale: 'en' });
    expect(saved.status).toBe(200);
    expect(saved.body['locale']).toBe('en');
    expect(String(saved.body['prefilled'])).toContain(SAMPLE_CODE);
    const replies = saved.body['replies'] as { kind: string; text: string; buttons?: string[] }[];
    expect(replies.map((r) => r.kind)).toContain('signed-in');
    expect(replies.map((r) => r.kind)).not.toContain('confirm-prompt'); // confirmation is off by default
    expect(replies.find((r) => r.kind === 'signed-in')?.text).toContain(name);

    const edited = await preview({
      locale: 'es-MX',
      templates: { es: { 'signed-in': 'Hola, ya entraste en {app}.', prefilled: 'Entrar en {app}: {code}' } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body['locale']).toBe('es');
    expect(edited.body['prefilled']).toBe(`Entrar en ${name}: ${SAMPLE_CODE}`);
    const es = edited.body['replies'] as { kind: string; text: string }[];
    expect(es.find((r) => r.kind === 'signed-in')?.text).toBe(`Hola, ya entraste en ${name}.`);
    // Nothing was saved.
    expect((await get(routes.mgmt.notpProject))['settings']).toEqual(project['settings']);
  });

  it('shows the confirmation prompt with its buttons first when confirmation is on', async () => {
    const on = await call(server, 'PATCH', routes.mgmt.notpProjectSettings, {
      auth: mgmtAuth(server),
      body: { confirmation: true },
    });
    expect(on.status).toBe(200);
    const r = await preview({ locale: 'en' });
    const first = (r.body['replies'] as { kind: string; text: string; buttons?: string[] }[])[0]!;
    expect(first.kind).toBe('confirm-prompt');
    expect(first.buttons).toHaveLength(2);
    expect(first.text).toContain('Chrome');
    await call(server, 'PATCH', routes.mgmt.notpProjectSettings, {
      auth: mgmtAuth(server),
      body: { confirmation: false },
    });
  });

  it.each([
    ['a placeholder the text may not use', { en: { 'signed-in': 'code {code}' } }],
    ['an unknown text name', { en: { nonsense: 'hi' } }],
  ])('refuses %s with the settings error', async (_what, templates) => {
    const r = await preview({ locale: 'en', templates });
    expect(r.status).toBe(400);
    expect(r.body['errorCode']).toBe(errors.invalidMessageTemplate.code);
  });

  it.each([[{}], [{ locale: 'not a locale' }], [{ locale: 'en', templates: 'x' }]])(
    'refuses a bad body (%j) with a 400 catalogue error',
    async (body) => {
      const r = await preview(body);
      expect(r.status).toBe(400);
      expect(typeof r.body['errorCode']).toBe('string');
    },
  );
});

describe('console data: login history', () => {
  it('lists a user’s logins newest first, limited; none for an unknown user', async () => {
    const phone = '+16505550921';
    const first = await loginWithWhatsApp(server, phone);
    clock.advance(1_000);
    await loginWithWhatsApp(server, phone);
    const all = (await get(`${routes.mgmt.notpLoginHistory}?userId=${first.userId}`))['logins'] as {
      at: number;
      userId: string;
      ip: string;
    }[];
    expect(all).toHaveLength(2);
    expect(all[0]!.at).toBe(all[1]!.at + 1_000);
    expect(all.every((l) => l.userId === first.userId && l.ip === '127.0.0.1')).toBe(true);
    const one = (await get(`${routes.mgmt.notpLoginHistory}?userId=${first.userId}&limit=1`))['logins'];
    expect(one).toEqual([all[0]]);
    expect((await get(`${routes.mgmt.notpLoginHistory}?userId=U-nobody`))['logins']).toEqual([]);
    const missing = await call(server, 'GET', routes.mgmt.notpLoginHistory, { auth: mgmtAuth(server) });
    expect(missing.status).toBe(400);
  });
});
