// startJwksServer: a local notp JWKS endpoint on port 0 (tests only): real keys, counts fetches, can add keys.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routePath, routes } from '@notp/core';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export const TEST_PROJECT_ID = 'P2nextjssdktest0000000000000';

export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export interface JwksServer {
  url: string;
  /** How many times the JWKS was fetched, and with which Authorization headers. */
  fetches: string[];
  keys: TestKey[];
  /** Publishes a new signing key (a rotation). */
  addKey(kid: string): Promise<TestKey>;
  close(): Promise<void>;
}

export async function newKey(kid: string): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export async function startJwksServer(): Promise<JwksServer> {
  const fetches: string[] = [];
  const keys: TestKey[] = [await newKey('K1')];
  const jwksPath = routePath(routes.keys.jwks, { projectId: TEST_PROJECT_ID });
  const server = createServer((req, res) => {
    if (req.url !== jwksPath) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    fetches.push(req.headers.authorization ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    fetches,
    keys,
    async addKey(kid) {
      const key = await newKey(kid);
      keys.push(key);
      return key;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface TokenOptions {
  key: TestKey;
  /** Seconds from now; negative for an expired token. Default 600. */
  expiresInSec?: number;
  claims?: Record<string, unknown>;
  /** Default `<baseUrl>/<projectId>`-style issuer. */
  issuer?: string;
  kid?: string;
}

/** A session JWT shaped like notp's (RS256, kid, drn DS). */
export function signSession({ key, expiresInSec = 600, claims = {}, issuer, kid }: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ drn: 'DS', amr: ['whatsapp'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: kid ?? key.kid, typ: 'JWT' })
    .setSubject('U2nextjsuser')
    .setIssuer(issuer ?? `https://auth.example.com/${TEST_PROJECT_ID}`)
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSec)
    .sign(key.privateKey);
}
