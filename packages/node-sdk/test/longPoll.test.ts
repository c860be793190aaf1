// waitForSession against the real server: one held long-poll request carries the login to completion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { NotpClient } from '../src/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('waitForSession long-poll (real server)', () => {
  it('is answered by the held request once the message arrives, with Preference-Applied', async () => {
    let pollSent: () => void = () => {};
    const firstPoll = new Promise<void>((r) => {
      pollSent = r;
    });
    const polls: { prefer: string | undefined; applied: string | null; status: number }[] = [];
    const client = NotpClient({
      projectId: server.projectId,
      baseUrl: server.url,
      hooks: {
        beforeRequest: (request) => {
          if (request.path.endsWith('/pending-session')) pollSent();
        },
        afterRequest: (request, response) => {
          if (request.path.endsWith('/pending-session')) {
            polls.push({
              prefer: request.headers['prefer'],
              applied: response.headers.get('preference-applied'),
              status: response.status,
            });
          }
        },
      },
    });
    const start = await client.notp.signUpOrIn('+16505557777');
    expect(start.ok).toBe(true);
    const waiting = client.notp.waitForSession(start.data!.pendingRef, { timeoutMs: 20_000 });
    // Send once the first poll is on its way: either way, that one request must carry the session.
    await firstPoll;
    await server.sendWhatsApp('+16505557777', messageOf(start.data!.redirectUrl));
    const session = await waiting;
    expect(session.ok).toBe(true);
    expect(session.data!.cookies.some((c) => c.startsWith('DSR='))).toBe(true);
    expect(polls).toHaveLength(1);
    expect(polls[0]).toMatchObject({ status: 200, prefer: expect.stringMatching(/^wait=\d+$/) });
    // One held request carried the session: no polling interval was waited (no timing asserted on a shared machine).
    expect(polls[0]!.applied).toMatch(/^wait=\d+$/);
  });
});
