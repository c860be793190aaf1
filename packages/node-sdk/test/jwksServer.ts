// A local stand-in for the notp server's key and refresh routes (the network boundary), with keys we generate.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const PROJECT_ID = 'P2abcdefghijklmnopqrstuvwxyz';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface SigningKey {
  kid: string;
  privateKey: PrivateKey;
  jwk: Record<string, unknown>;
}

export async function newKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** Signs a JWT like the server: header { alg, kid, typ }, iss = <url>/<projectId>, exp = iat + ttl. */
export async function sign(
  key: SigningKey,
  claims: JWTPayload,
  opts: { ttlSec?: number; iss?: string; alg?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? (key.jwk['alg'] as string), kid: key.kid, typ: 'JWT' })
    .setIssuer(opts.iss ?? `http://localhost:4000/${PROJECT_ID}`)
    .setIssuedAt(now)
    .setExpirationTime(now + (opts.ttlSec ?? 600))
    .sign(key.privateKey);
}

export interface FakeNotp {
  url: string;
  /** Keys published in the JWKS (mutable: push to rotate). */
  published: SigningKey[];
  jwksRequests: number;
  refreshRequests: number;
  /** Set to answer refresh; default 401. */
  onRefresh: ((refreshJwt: string) => Promise<{ status: number; body: unknown }>) | null;
  close(): Promise<void>;
}

export async function startFakeNotp(keys: SigningKey[]): Promise<FakeNotp> {
  const fake: FakeNotp = {
    url: '',
    published: keys,
    jwksRequests: 0,
    refreshRequests: 0,
    onRefresh: null,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === `/v2/keys/${PROJECT_ID}`) {
        fake.jwksRequests++;
        // Answer a little later so that concurrent first validations overlap.
        setTimeout(() => send(200, { keys: fake.published.map((k) => k.jwk) }), 20);
        return;
      }
      if (req.url?.startsWith('/v1/auth/refresh')) {
        fake.refreshRequests++;
        const token = /^Bearer [^:]+:(.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const answer = fake.onRefresh
          ? await fake.onRefresh(token)
          : { status: 401, body: { errorCode: 'E901002', errorDescription: 'Invalid token', errorMessage: 'no' } };
        send(answer.status, answer.body);
        return;
      }
      send(404, { errorCode: 'E904001', errorDescription: 'Route not found', errorMessage: req.url ?? '' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  };
  return fake;
}

/** A JWTResponse body for the fake refresh route. */
export async function jwtResponseFor(key: SigningKey, sub: string, refreshJwt?: string) {
  const sessionJwt = await sign(key, { sub, drn: 'DS', amr: ['whatsapp'] });
  return {
    sessionJwt,
    refreshJwt,
    cookieDomain: '',
    cookiePath: '/',
    cookieMaxAge: 2419199,
    cookieExpiration: Math.floor(Date.now() / 1000) + 2419199,
    sessionExpiration: Math.floor(Date.now() / 1000) + 600,
    claims: { sub, drn: 'DS' },
  };
}
