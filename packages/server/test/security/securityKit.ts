// Test support for the security suites: JSON calls to a test server and a complete WhatsApp login over HTTP.
import { routes } from '@notp/core';
import { eventually, messageOf, type TestServer } from '@notp/test-utils/server';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One JSON request; `auth` is the whole Authorization value (default: the project id alone). */
export async function call(
  server: TestServer,
  method: string,
  path: string,
  opts: { body?: unknown; auth?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: opts.auth ?? `Bearer ${server.projectId}`,
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export const mgmtAuth = (server: TestServer) => `Bearer ${server.projectId}:${server.managementKey}`;

/** A full login through the simulator: start, "send" the WhatsApp message, collect the JWTResponse. */
export async function loginWithWhatsApp(
  server: TestServer,
  phone: string,
  userAgent = 'security-test/1.0',
): Promise<{ sessionJwt: string; refreshJwt: string; userId: string; pendingRef: string }> {
  const started = await call(server, 'POST', routes.notp.signUpOrIn, {
    body: { loginId: phone },
    headers: { 'user-agent': userAgent },
  });
  if (started.status !== 200) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
  const pendingRef = String(started.body['pendingRef']);
  const sent = await server.sendWhatsApp(phone, messageOf(String(started.body['redirectUrl'])));
  if (sent.status !== 200) throw new Error(`simulator send failed: ${sent.status}`);
  const session = await eventually(
    async () => {
      const r = await call(server, 'POST', routes.notp.pendingSession, {
        body: { pendingRef },
        headers: { prefer: 'wait=5', 'user-agent': userAgent },
      });
      return r.status === 200 ? r.body : undefined;
    },
    10_000,
    50,
  );
  const user = session['user'] as { userId: string };
  return {
    sessionJwt: String(session['sessionJwt']),
    refreshJwt: String(session['refreshJwt']),
    userId: user.userId,
    pendingRef,
  };
}
