// managementCalls: what a backend does beside the console in the browser tests — management API calls with the key,
// and a real WhatsApp login through the simulator (start, the user's message, the tokens).
import { eventually, messageOf, type TestServer } from '@notp/test-utils/server';

/** A management API call with the management key, as a backend makes it. */
export async function mgmt<T>(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.projectId}:${server.managementKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** A real login through the simulator: start a sign-up-or-in, "send" its WhatsApp message, collect the tokens. */
export async function loginWithWhatsApp(
  server: TestServer,
  phone: string,
  userAgent: string,
): Promise<{ userId: string; sessionJwt: string; refreshJwt: string }> {
  const headers = {
    authorization: `Bearer ${server.projectId}`,
    'content-type': 'application/json',
    'user-agent': userAgent,
  };
  const started = (await (
    await fetch(`${server.url}/v1/auth/notp/whatsapp/signup-in`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ loginId: phone }),
    })
  ).json()) as { pendingRef: string; redirectUrl: string };
  const sent = await server.sendWhatsApp(phone, messageOf(started.redirectUrl));
  if (sent.status !== 200) throw new Error(`simulator send failed: ${sent.status}`);
  const session = await eventually(async () => {
    const polled = await fetch(`${server.url}/v1/auth/notp/pending-session`, {
      method: 'POST',
      headers: { ...headers, prefer: 'wait=5' },
      body: JSON.stringify({ pendingRef: started.pendingRef }),
    });
    type Session = { sessionJwt: string; refreshJwt: string; user: { userId: string } };
    return polled.status === 200 ? ((await polled.json()) as Session) : undefined;
  }, 15_000);
  return { userId: session.user.userId, sessionJwt: session.sessionJwt, refreshJwt: session.refreshJwt };
}
