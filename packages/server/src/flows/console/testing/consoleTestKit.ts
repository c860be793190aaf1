// Console test helpers over the real test server: admins created through the management API, real session JWTs,
// console sign-in, and calls carrying the console cookie and CSRF header.
import type { TestServer } from '@notp/test-utils/server';
import { issueSession } from '../../sessions/issueSession.js';

export interface ConsoleCall {
  status: number;
  body: Record<string, unknown>;
  setCookie: string | null;
}

export interface SignedIn {
  cookie: string;
  csrf: string;
  body: Record<string, unknown>;
}

export function consoleKit(server: () => TestServer) {
  const s = server;
  async function send(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}) {
    const res = await fetch(`${s().url}${path}`, {
      method,
      headers: {
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
      setCookie: res.headers.get('set-cookie'),
    } satisfies ConsoleCall;
  }
  const key = () => ({ authorization: `Bearer ${s().projectId}:${s().managementKey}` });

  /** Creates a user through the management API (with the given roles, enabled unless said). */
  async function createUser(phone: string, roleNames: string[], status = 'enabled'): Promise<string> {
    const r = await send('POST', '/v1/mgmt/user/create', {
      body: { loginId: phone, phone, verifiedPhone: true, name: `User ${phone.slice(-4)}`, roleNames },
      headers: key(),
    });
    if (r.status !== 200) throw new Error(`create user: ${r.status} ${JSON.stringify(r.body)}`);
    if (status !== 'enabled') {
      await send('POST', '/v1/mgmt/user/update/status', { body: { loginId: phone, status }, headers: key() });
    }
    return (r.body.user as { userId: string }).userId;
  }

  /** A real session JWT of the user, issued by the server's own session flow (what an nOTP sign-in ends with). */
  async function sessionJwtOf(userId: string): Promise<string> {
    const deps = s().deps;
    const project = await deps.store.projects.get(s().projectId);
    const user = await deps.store.users.get(s().projectId, userId);
    if (!project || !user) throw new Error('no such project or user');
    const issued = await issueSession(deps, { project, user, amr: ['whatsapp'], ip: '127.0.0.1' });
    return issued.response.sessionJwt;
  }

  function signedIn(r: ConsoleCall): SignedIn {
    if (r.status !== 200 || !r.setCookie) throw new Error(`sign-in: ${r.status} ${JSON.stringify(r.body)}`);
    return { cookie: r.setCookie.split(';')[0] as string, csrf: r.body.csrfToken as string, body: r.body };
  }

  async function signInAs(userId: string): Promise<SignedIn> {
    const sessionJwt = await sessionJwtOf(userId);
    return signedIn(await send('POST', '/console/api/session', { body: { projectId: s().projectId, sessionJwt } }));
  }

  async function signInWithKey(): Promise<SignedIn> {
    const body = { projectId: s().projectId, managementKey: s().managementKey };
    return signedIn(await send('POST', '/console/api/session/key', { body }));
  }

  /** A console call: the cookie and (unless overridden) the CSRF header. */
  function asConsole(
    who: SignedIn,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return send(method, path, { body, headers: { cookie: who.cookie, 'x-notp-csrf': who.csrf, ...headers } });
  }

  return { send, key, createUser, sessionJwtOf, signInAs, signInWithKey, asConsole };
}
