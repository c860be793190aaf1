// startContractServer: a local HTTP server on port 0 that answers the notp contract's session routes (tests only).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors, type ErrorDef, type JWTResponse, routes, type UserResponse } from '@notp/core';

export const TEST_PROJECT_ID = 'P2abcdefghijklmnopqrstuvwxyz';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string;
  prefer: string | undefined;
  body: unknown;
}

export interface ContractServer {
  url: string;
  requests: RecordedRequest[];
  /** Every pendingRef the start routes handed out, oldest first. */
  pendingRefs: string[];
  /** Session JWT lifetime of the sessions it issues, in seconds. Default 600. */
  sessionTtlSec: number;
  /** Marks a pending login as verified: a waiting or later pending-session call gets the session. */
  verify(pendingRef: string): void;
  /** The next answer of this path is this error instead (once). */
  failNext(path: string, def: ErrorDef): void;
  /** Revokes every refresh token issued so far (a server-side logout-all). */
  revokeAll(): void;
  close(): Promise<void>;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned-for-tests JWT: the browser SDK only reads claims, the server is what verifies. */
function testJwt(claims: Record<string, unknown>): string {
  return `${b64url({ alg: 'RS256', kid: 'test', typ: 'JWT' })}.${b64url(claims)}.${randomBytes(16).toString('base64url')}`;
}

export const TEST_USER: UserResponse = {
  loginIds: ['+16505551234'],
  userId: 'U2testuser0000000000000000000',
  name: 'Joe Person',
  phone: '+16505551234',
  verifiedEmail: false,
  verifiedPhone: true,
  roleNames: [],
  userTenants: [],
  status: 'enabled',
  externalIds: ['+16505551234'],
  customAttributes: {},
  createdTime: 1682612331,
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function startContractServer(): Promise<ContractServer> {
  const requests: RecordedRequest[] = [];
  const pending = new Map<string, { verified: boolean; consumed: boolean; waiters: (() => void)[] }>();
  const liveRefreshTokens = new Set<string>();
  const failures = new Map<string, ErrorDef>();

  const issue = (): JWTResponse => {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + state.sessionTtlSec;
    const claims = {
      iss: TEST_PROJECT_ID,
      sub: TEST_USER.userId,
      iat: now,
      exp,
      drn: 'DS' as const,
      amr: ['whatsapp'],
    };
    const refreshJwt = testJwt({ ...claims, drn: 'DSR', exp: now + 2419200, jti: randomBytes(8).toString('hex') });
    liveRefreshTokens.add(refreshJwt);
    return {
      sessionJwt: testJwt(claims),
      refreshJwt,
      cookieDomain: '',
      cookiePath: '/',
      cookieMaxAge: 2419199,
      cookieExpiration: now + 2419199,
      sessionExpiration: exp,
      claims,
      user: TEST_USER,
      firstSeen: false,
    };
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, def: ErrorDef) =>
    send(res, def.status, { errorCode: def.code, errorDescription: def.description, errorMessage: def.description });
  const refreshTokenOf = (auth: string) => auth.replace(/^Bearer /, '').split(':')[1];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = req.method === 'GET' ? {} : await readJson(req);
    const authorization = req.headers.authorization ?? '';
    const prefer = req.headers.prefer as string | undefined;
    requests.push({ method: req.method ?? '', path: url.pathname, authorization, prefer, body });
    const forced = failures.get(url.pathname);
    if (forced) {
      failures.delete(url.pathname);
      return fail(res, forced);
    }
    const token = refreshTokenOf(authorization);
    const tokenLive = token !== undefined && liveRefreshTokens.has(token);

    switch (url.pathname) {
      case routes.notp.signUp:
      case routes.notp.signIn:
      case routes.notp.signUpOrIn: {
        const pendingRef = randomBytes(16).toString('hex');
        pending.set(pendingRef, { verified: false, consumed: false, waiters: [] });
        state.pendingRefs.push(pendingRef);
        const text = encodeURIComponent('Sign in to Test App: code ABCD');
        return send(res, 200, {
          pendingRef,
          redirectUrl: `https://wa.me/15550001111?text=${text}`,
          image: 'iVBORw0KGgo=',
        });
      }
      case routes.notp.pendingSession: {
        const ref = (body as { pendingRef?: string }).pendingRef ?? '';
        const login = pending.get(ref);
        if (!login) return fail(res, errors.pendingUnknown);
        if (login.consumed) return fail(res, errors.pendingAlreadyUsed);
        const wait = /wait=(\d+)/.exec(String(prefer ?? ''))?.[1];
        if (!login.verified && wait) {
          const waitSec = Math.min(Number(wait), 30);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitSec * 1000);
            login.waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        const applied = wait ? { 'preference-applied': `wait=${Math.min(Number(wait), 30)}` } : undefined;
        if (!login.verified) return send(res, 401, errorBody(errors.notpPending), applied);
        login.consumed = true;
        return send(res, 200, issue(), applied);
      }
      case routes.session.refresh:
        return tokenLive ? send(res, 200, issue()) : fail(res, errors.invalidToken);
      case routes.session.tryRefresh:
        return send(res, 200, tokenLive ? issue() : {});
      case routes.session.logout:
        if (token) liveRefreshTokens.delete(token);
        return send(res, 200, {});
      case routes.session.logoutAll:
        liveRefreshTokens.clear();
        return send(res, 200, {});
      case routes.session.me:
        return tokenLive ? send(res, 200, TEST_USER) : fail(res, errors.invalidToken);
      default:
        return fail(res, errors.routeNotFound);
    }
  });
  const errorBody = (def: ErrorDef) => ({
    errorCode: def.code,
    errorDescription: def.description,
    errorMessage: def.description,
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: ContractServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    pendingRefs: [],
    sessionTtlSec: 600,
    verify(pendingRef) {
      const login = pending.get(pendingRef);
      if (!login) throw new Error(`unknown pendingRef ${pendingRef}`);
      login.verified = true;
      for (const wake of login.waiters.splice(0)) wake();
    },
    failNext: (path, def) => void failures.set(path, def),
    revokeAll: () => liveRefreshTokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}
