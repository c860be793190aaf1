// Bad input in custom claims at the start never strands a login: a start that succeeds completes, the rest are refused.
import { errorByCode, routes } from '@notp/core';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nestedArrays, nestedObjects } from './badInput/inputs.js';

describe('a start that succeeds can always be completed (no input fails pending-session after its consume)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NOTP_RATE_LIMIT: 'off' });
  }, 60_000);
  afterAll(() => server?.close());

  // As JSON text: a value thousands deep must not pass through anything that recurses on the test's side either.
  const claimsCases: [string, string, 'completes' | 'refused'][] = [
    ['flat claims', '{"plan":"pro","n":1}', 'completes'],
    ['arrays 8 deep (the limit)', `{"deep":${nestedArrays(8)}}`, 'completes'],
    ['objects 7 deep inside the value', `{"deep":${nestedObjects(7)}}`, 'completes'],
    ['arrays 9 deep', `{"deep":${nestedArrays(9)}}`, 'refused'],
    ['objects 64 deep', `{"deep":${nestedObjects(64)}}`, 'refused'],
    ['arrays 4,000 deep', `{"deep":${nestedArrays(4000)}}`, 'refused'],
    ['objects 4,100 deep', `{"deep":${nestedObjects(4100)}}`, 'refused'],
  ];

  const table = claimsCases.map(([name, customClaims, outcome], i) => ({ name, customClaims, outcome, i }));
  it.each(table)('$name → $outcome', async ({ customClaims, outcome, i }) => {
    const phone = `+165055510${String(i).padStart(2, '0')}`;
    const started = await server.app.inject({
      method: 'POST',
      url: routes.notp.signUpOrIn,
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
      payload: `{"loginId":"${phone}","loginOptions":{"customClaims":${customClaims}}}`,
    });
    if (outcome === 'refused') {
      expect(started.statusCode).toBe(400);
      expect(errorByCode((started.json() as { errorCode: string }).errorCode)?.status).toBe(400);
      return;
    }
    expect(started.statusCode).toBe(200);
    const { pendingRef, redirectUrl } = started.json() as { pendingRef: string; redirectUrl: string };
    expect((await server.sendWhatsApp(phone, messageOf(redirectUrl))).status).toBe(200);
    const session = await server.app.inject({
      method: 'POST',
      url: routes.notp.pendingSession,
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json', prefer: 'wait=5' },
      payload: JSON.stringify({ pendingRef }),
    });
    expect(session.statusCode).toBe(200);
    expect((session.json() as { claims: Record<string, unknown> }).claims['nsec']).toEqual(JSON.parse(customClaims));
  });
});
