// TokenService against the real SQLite store: the sign/verify table, rotation with overlap, and cross-instance keys.
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import DescopeClient from '@descope/node-sdk';
import { base64url, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemRandom } from '../deps.js';
import { defaultProjectSettings } from '../projects/defaults.js';
import { createStore } from '../store/createStore.js';
import type { ProjectSettings, Store } from '../store/ports.js';
import { createTokenService, issuerOf } from './createTokenService.js';
import type { TokenService } from './TokenService.js';

const PUBLIC_URL = 'http://localhost:4000';
const PID = 'P2aaaaaaaaaaaaaaaaaaaaaaaaaa';
const OTHER_PID = 'P2bbbbbbbbbbbbbbbbbbbbbbbbbb';
const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);

const settings = (over: Partial<ProjectSettings> = {}): ProjectSettings => ({
  ...defaultProjectSettings({ sessionTtlSec: 600, refreshTtlSec: 3600, pendingTtlSec: 600 }),
  ...over,
});

let store: Store;
let clock: { t: number; now(): number };
let masterKey: Buffer;
let tokens: TokenService;

const makeTokens = (publicUrl = PUBLIC_URL) =>
  createTokenService({ store, config: { publicUrl }, masterKey, clock, random: systemRandom });

async function addProject(projectId: string, over: Partial<ProjectSettings> = {}) {
  await store.projects.create({
    projectId,
    name: projectId,
    managementKeyHash: 'x',
    settings: settings(over),
    createdAt: T0,
  });
}

beforeEach(async () => {
  store = await createStore('sqlite::memory:');
  clock = {
    t: T0,
    now() {
      return this.t;
    },
  };
  masterKey = randomBytes(32);
  tokens = makeTokens();
  await addProject(PID);
  await addProject(OTHER_PID);
});
afterEach(async () => {
  await store.close();
});

const headerOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>;
const payloadOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
const b64 = (o: unknown) => base64url.encode(JSON.stringify(o));

describe('TokenService.sign', () => {
  it('signs with header {alg, kid, typ} and adds iss/iat/exp that claims cannot override', async () => {
    const t = await tokens.sign(PID, { sub: 'U1', drn: 'DS', iss: 'evil', exp: 1, iat: 1 }, 600);
    const header = headerOf(t.jwt);
    expect(header).toEqual({ alg: 'RS256', kid: expect.any(String), typ: 'JWT' });
    const jwks = await tokens.jwks(PID);
    expect(jwks.keys.map((k) => k.kid)).toEqual([header.kid]);
    expect(payloadOf(t.jwt)).toEqual({
      sub: 'U1',
      drn: 'DS',
      iss: `${PUBLIC_URL}/${PID}`,
      iat: T0 / 1000,
      exp: T0 / 1000 + 600,
    });
    expect(t.claims).toEqual(payloadOf(t.jwt));
    expect([t.iat, t.exp]).toEqual([T0 / 1000, T0 / 1000 + 600]);
  });

  it.each(['RS256', 'ES256', 'EdDSA'] as const)(
    'publishes a public %s JWK with kid, alg, use and no private members',
    async (alg) => {
      const pid = `P3${alg.padEnd(26, 'x')}`;
      await addProject(pid, { signingAlg: alg });
      const t = await tokens.sign(pid, { sub: 'U1', drn: 'DS' }, 60);
      const [jwk] = (await tokens.jwks(pid)).keys;
      expect(jwk).toMatchObject({ kid: headerOf(t.jwt).kid, alg, use: 'sig' });
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(jwk).not.toHaveProperty(member);
      expect(headerOf(t.jwt).alg).toBe(alg);
      expect(await tokens.verify(pid, t.jwt, 'DS')).toMatchObject({ sub: 'U1' });
    },
  );

  it('stores the private key sealed, not as PEM', async () => {
    await tokens.ensureActiveKey(PID);
    const active = await store.keys.getActive(PID);
    expect(active?.privateKeyEnc).not.toContain('PRIVATE KEY');
    expect(Buffer.from(active?.privateKeyEnc ?? '', 'base64').toString('latin1')).not.toContain('PRIVATE KEY');
  });

  it('creates one key for concurrent first signs', async () => {
    await Promise.all(Array.from({ length: 5 }, () => tokens.sign(PID, { sub: 'U1', drn: 'DS' }, 60)));
    expect((await store.keys.listPublished(PID)).length).toBe(1);
  });
});

describe('TokenService.verify', () => {
  type Case = [
    name: string,
    make: () => Promise<string>,
    expected: 'valid' | 'invalid',
    opts?: { advanceSec?: number; as?: 'DS' | 'DSR'; project?: string },
  ];
  const valid = () => tokens.sign(PID, { sub: 'U1', drn: 'DS' }, 600).then((t) => t.jwt);
  const cases: Case[] = [
    ['a fresh session token', valid, 'valid'],
    ['a token 4 s past exp (within the 5 s tolerance)', valid, 'valid', { advanceSec: 604 }],
    ['an expired token', valid, 'invalid', { advanceSec: 606 }],
    ['a session token checked as a refresh token (wrong drn)', valid, 'invalid', { as: 'DSR' }],
    [
      'a refresh token checked as a session token',
      () => tokens.sign(PID, { sub: 'U1', drn: 'DSR', jti: 'S1' }, 600).then((t) => t.jwt),
      'invalid',
    ],
    ['a token of another project', valid, 'invalid', { project: OTHER_PID }],
    [
      'a token from another issuer URL with the same keys',
      () =>
        makeTokens('https://other.example')
          .sign(PID, { sub: 'U1', drn: 'DS' }, 600)
          .then((t) => t.jwt),
      'invalid',
    ],
    [
      'a tampered payload (sub changed, signature kept)',
      async () => {
        const [h, p, s] = (await valid()).split('.');
        const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
        return `${h}.${b64({ ...payload, sub: 'U2' })}.${s}`;
      },
      'invalid',
    ],
    [
      'alg none with a known kid',
      async () => {
        const { kid } = headerOf(await valid());
        return `${b64({ alg: 'none', kid, typ: 'JWT' })}.${b64({ sub: 'U1', drn: 'DS', iss: issuerOf(PUBLIC_URL, PID), iat: T0 / 1000, exp: T0 / 1000 + 600 })}.`;
      },
      'invalid',
    ],
    [
      'a token signed by a foreign key that reuses a published kid',
      async () => {
        const { kid } = headerOf(await valid());
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT({ sub: 'U1', drn: 'DS' })
          .setProtectedHeader({ alg: 'RS256', kid: String(kid), typ: 'JWT' })
          .setIssuer(issuerOf(PUBLIC_URL, PID))
          .setIssuedAt(T0 / 1000)
          .setExpirationTime(T0 / 1000 + 600)
          .sign(privateKey);
      },
      'invalid',
    ],
    [
      'HS256 keyed with the published public key (alg confusion)',
      async () => {
        const { kid } = headerOf(await valid());
        const jwk = (await tokens.jwks(PID)).keys[0];
        const secret = new TextEncoder().encode(JSON.stringify(jwk));
        return new SignJWT({ sub: 'U1', drn: 'DS' })
          .setProtectedHeader({ alg: 'HS256', kid: String(kid), typ: 'JWT' })
          .setIssuer(issuerOf(PUBLIC_URL, PID))
          .setIssuedAt(T0 / 1000)
          .setExpirationTime(T0 / 1000 + 600)
          .sign(secret);
      },
      'invalid',
    ],
    [
      'a token without kid',
      async () => {
        const [, p, s] = (await valid()).split('.');
        return `${b64({ alg: 'RS256', typ: 'JWT' })}.${p}.${s}`;
      },
      'invalid',
    ],
    ['garbage', async () => 'not.a.jwt', 'invalid'],
    ['an empty string', async () => '', 'invalid'],
  ];

  it.each(cases.map(([name, make, expected, opts]) => ({ name, make, expected, opts: opts ?? {} })))(
    '$name → $expected',
    async ({ make, expected, opts }) => {
      const jwt = await make();
      clock.t += (opts.advanceSec ?? 0) * 1000;
      const claims = await tokens.verify(opts.project ?? PID, jwt, opts.as ?? 'DS');
      if (expected === 'valid') expect(claims).toMatchObject({ sub: 'U1', drn: 'DS' });
      else expect(claims).toBeNull();
    },
  );
});

describe('TokenService.rotate', () => {
  it('keeps tokens of the old key valid, signs with the new one, and retires the old key after the longest TTL', async () => {
    const before = await tokens.sign(PID, { sub: 'U1', drn: 'DSR', jti: 'S1' }, 3600);
    const newKid = await tokens.rotate(PID);
    const after = await tokens.sign(PID, { sub: 'U1', drn: 'DS' }, 600);
    expect(headerOf(after.jwt).kid).toBe(newKid);
    expect(headerOf(before.jwt).kid).not.toBe(newKid);
    expect((await tokens.jwks(PID)).keys.map((k) => k.kid)).toEqual([newKid, headerOf(before.jwt).kid]);
    expect(await tokens.verify(PID, before.jwt, 'DSR')).toMatchObject({ jti: 'S1' });
    expect(await tokens.verify(PID, after.jwt, 'DS')).toMatchObject({ sub: 'U1' });

    // Past refreshTtl + tolerance the old key is gone from the JWKS (a fresh instance reads the store).
    clock.t += (3600 + 6) * 1000;
    expect((await makeTokens().jwks(PID)).keys.map((k) => k.kid)).toEqual([newKid]);
  });

  it('another instance picks up a key rotated elsewhere when it meets the new kid', async () => {
    const other = makeTokens();
    await other.verify(PID, (await tokens.sign(PID, { sub: 'U1', drn: 'DS' }, 600)).jwt, 'DS'); // warms its cache
    await tokens.rotate(PID);
    const fresh = await tokens.sign(PID, { sub: 'U1', drn: 'DS' }, 600);
    expect(await other.verify(PID, fresh.jwt, 'DS')).toMatchObject({ sub: 'U1' });
  });
});

describe('the official @descope/node-sdk', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it.each(['RS256', 'ES256', 'EdDSA'] as const)(
    'validates our %s session and refresh JWTs against our JWKS',
    async (alg) => {
      const pid = `P4${alg.padEnd(26, 'y')}`;
      await addProject(pid, { signingAlg: alg });
      clock.t = Date.now(); // the SDK checks exp against the real clock
      server = createServer((req, res) => {
        const body = req.url === `/v2/keys/${pid}` ? tokens.jwks(pid) : Promise.resolve({});
        body.then((b) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(b)));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const sdk = DescopeClient({ projectId: pid, baseUrl, logger: { log() {}, error() {}, warn() {}, debug() {} } });

      const session = await tokens.sign(pid, { sub: 'U1', drn: 'DS', amr: ['whatsapp'] }, 600);
      const refresh = await tokens.sign(pid, { sub: 'U1', drn: 'DSR', jti: 'S1' }, 3600);
      const validated = await sdk.validateSession(session.jwt);
      expect(validated.token).toMatchObject({ sub: 'U1', drn: 'DS', amr: ['whatsapp'] });
      const validatedRefresh = await sdk.validateJwt(refresh.jwt);
      expect(validatedRefresh.token).toMatchObject({ sub: 'U1', drn: 'DSR', jti: 'S1' });

      const { privateKey } = await generateKeyPair(alg === 'EdDSA' ? 'EdDSA' : alg);
      const forged = await new SignJWT({ sub: 'U1', drn: 'DS' })
        .setProtectedHeader({ alg, kid: headerOf(session.jwt).kid as string })
        .setIssuer(issuerOf(PUBLIC_URL, pid))
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
      await expect(sdk.validateSession(forged)).rejects.toThrow();
    },
  );
});
