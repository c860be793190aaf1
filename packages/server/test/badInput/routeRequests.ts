// Bad-input suite: per route family, a request that passes auth and schema, and the fields its state refuses.
import { randomBytes } from 'node:crypto';
import { routes } from '@notp/core';
import type { Fixture } from './inputs.js';

/** A request that passes auth and schema for the route (so one mutation is the only thing wrong), by route. */
export function baseRequest(
  method: string,
  url: string,
  f: Fixture,
): { body?: unknown; query?: Record<string, string>; auth: string } {
  const project = `Bearer ${f.projectId}`;
  const user = `Bearer ${f.projectId}:${f.refreshJwt}`;
  const mgmt = `Bearer ${f.projectId}:${f.mgmt}`;
  const key = `${method} ${url}`;
  switch (key) {
    case `POST ${routes.notp.signIn}`:
      return { body: { loginId: '+16505559999' }, auth: project };
    case `POST ${routes.notp.update}`:
      return { body: { loginId: '' }, auth: `Bearer ${f.projectId}:not-a-token` };
    case `POST ${routes.notp.pendingSession}`:
      return { body: { pendingRef: randomBytes(32).toString('base64url') }, auth: project };
    case `POST ${routes.session.selectTenant}`:
      return { body: { tenant: 'T-not-a-member' }, auth: user };
    case `POST ${routes.mgmt.userCreate}`:
    case `POST ${routes.mgmt.userCreateTest}`:
      return { body: { loginId: '+16505550001', phone: 'not a phone' }, auth: mgmt };
    case `POST ${routes.mgmt.userUpdate}`:
    case `PATCH ${routes.mgmt.userPatch}`:
      return { body: { loginId: 'nobody@example.com' }, auth: mgmt };
    case `POST ${routes.mgmt.userUpdatePhone}`:
      return { body: { loginId: 'nobody@example.com', phone: '+16505550002' }, auth: mgmt };
    case `POST ${routes.mgmt.userUpdateStatus}`:
      return { body: { loginId: 'nobody@example.com', status: 'disabled' }, auth: mgmt };
    case `POST ${routes.mgmt.userDelete}`:
    case `POST ${routes.mgmt.userLogout}`:
      return { body: { loginId: 'nobody@example.com' }, auth: mgmt };
    case `GET ${routes.mgmt.userLoad}`:
      return { query: { loginId: 'nobody@example.com' }, auth: mgmt };
    case `GET ${routes.mgmt.notpSessions}`:
      return { query: { userId: 'Unobody' }, auth: mgmt };
    case `POST ${routes.mgmt.notpSessionRevoke}`:
      return { body: { sessionId: 'no-such-session' }, auth: mgmt };
    case `POST ${routes.simulator.messages}`:
      return { body: { from: 'not a phone', text: 'hi' }, auth: project };
    case `GET ${routes.simulator.messages}`:
      return { query: { to: 'not a phone' }, auth: project };
  }
  if (url.startsWith('/v1/mgmt') || url.startsWith('/v2/mgmt')) return { body: {}, auth: mgmt };
  if (url.startsWith('/v1/auth/notp/whatsapp')) return { body: { loginId: '' }, auth: project };
  return { body: {}, auth: user };
}

/** Fields whose any value is refused by the route's semantics in this server's state (unknown ids, bad phones). */
export const SEMANTIC_PROBES: Readonly<Record<string, { in: 'body' | 'query'; field: string }[]>> = {
  [`POST ${routes.notp.signIn}`]: [{ in: 'body', field: 'loginId' }],
  [`POST ${routes.notp.pendingSession}`]: [{ in: 'body', field: 'pendingRef' }],
  [`POST ${routes.session.selectTenant}`]: [{ in: 'body', field: 'tenant' }],
  [`POST ${routes.mgmt.userDelete}`]: [{ in: 'body', field: 'loginId' }],
  [`POST ${routes.mgmt.userLogout}`]: [{ in: 'body', field: 'loginId' }],
  [`POST ${routes.mgmt.userUpdateStatus}`]: [{ in: 'body', field: 'loginId' }],
  [`POST ${routes.mgmt.userUpdatePhone}`]: [
    { in: 'body', field: 'loginId' },
    { in: 'body', field: 'phone' },
  ],
  [`POST ${routes.mgmt.userCreate}`]: [{ in: 'body', field: 'phone' }],
  [`GET ${routes.mgmt.userLoad}`]: [{ in: 'query', field: 'loginId' }],
  [`GET ${routes.mgmt.notpSessions}`]: [{ in: 'query', field: 'userId' }],
  [`POST ${routes.mgmt.notpSessionRevoke}`]: [{ in: 'body', field: 'sessionId' }],
  [`POST ${routes.simulator.messages}`]: [{ in: 'body', field: 'from' }],
  [`GET ${routes.simulator.messages}`]: [{ in: 'query', field: 'to' }],
};

/** Routes that read a refresh token (bearer part 2); token attacks go there. */
export function readsRefreshToken(method: string, url: string): boolean {
  return (
    (Object.values(routes.session) as string[]).includes(url) ||
    url === routes.notp.update ||
    (method === 'POST' && url === routes.notp.signIn)
  );
}
