// `npm run bench -- validate`: node SDK validateSession over many distinct tokens vs the official @descope/node-sdk
// (goal ≥ 3×) and vs bare node:crypto verify + payload JSON.parse (goal ≥ 0.8), and what each algorithm costs.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import DescopeClient from '@descope/node-sdk';
import { NotpClient } from '@notp/node-sdk';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { median } from './latencyStats.js';
import { printTable } from './printTable.js';

const PROJECT_ID = 'P2abcdefghijklmnopqrstuvwxyz';
const ISSUER = `http://localhost:4000/${PROJECT_ID}`;
const ROUNDS = 7;
const TOKENS = 2_000; // distinct valid tokens per algorithm; each round validates each once per contender
const ALGS = ['RS256', 'ES256', 'EdDSA'] as const;
type Alg = (typeof ALGS)[number];
type Contender = (jwt: string) => unknown;

/** A session JWT shaped like the server's, distinct per `i` (sub, jti, iat). */
function sign(alg: Alg, key: CryptoKey, i: number): Promise<string> {
  return new SignJWT({ sub: `U2${i.toString().padStart(25, '0')}`, drn: 'DS', amr: ['whatsapp'], roles: [] })
    .setProtectedHeader({ alg, kid: `k-${alg}`, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setJti(`j${i}`)
    .setIssuedAt(Math.floor(Date.now() / 1000) - (i % 60))
    .setExpirationTime('1h')
    .sign(key);
}

async function setUp(alg: Alg) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: `k-${alg}`, alg, use: 'sig' };
  const t0 = process.hrtime.bigint();
  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) tokens.push(await sign(alg, privateKey, i));
  const signPerSec = (TOKENS * 1e9) / Number(process.hrtime.bigint() - t0);
  return { alg, jwk, tokens, signPerSec, keyObject: createPublicKey({ key: jwk, format: 'jwk' }) };
}
// one algorithm at a time, so the sign/s column is that algorithm's own cost
const setups: Awaited<ReturnType<typeof setUp>>[] = [];
for (const alg of ALGS) setups.push(await setUp(alg));
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ keys: setups.map((s) => s.jwk) }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const ours = NotpClient({ projectId: PROJECT_ID, baseUrl });
const official = DescopeClient({ projectId: PROJECT_ID, baseUrl });

/** The floor: one node:crypto verify with a cached KeyObject, plus decoding and parsing the payload. */
function bare(alg: Alg, key: KeyObject): Contender {
  const ecKey = { key, dsaEncoding: 'ieee-p1363' as const };
  return (jwt) => {
    const dot1 = jwt.indexOf('.');
    const dot2 = jwt.indexOf('.', dot1 + 1);
    const data = Buffer.from(jwt.slice(0, dot2), 'latin1');
    const sig = Buffer.from(jwt.slice(dot2 + 1), 'base64url');
    const ok =
      alg === 'RS256'
        ? verify('sha256', data, key, sig)
        : alg === 'ES256'
          ? verify('sha256', data, ecKey, sig)
          : verify(null, data, key, sig);
    if (!ok) throw new Error('bad signature');
    return JSON.parse(Buffer.from(jwt.slice(dot1 + 1, dot2), 'base64url').toString('utf8'));
  };
}

/** Contenders alternate call by call (order rotated each token), so drifting load hits all alike; ns per contender. */
async function interleaved(contenders: Contender[], tokens: string[]): Promise<number[]> {
  const ns = contenders.map(() => 0);
  for (let i = 0; i < tokens.length; i++) {
    const jwt = tokens[i] as string;
    for (let j = 0; j < contenders.length; j++) {
      const c = (i + j) % contenders.length;
      const t = process.hrtime.bigint();
      await (contenders[c] as Contender)(jwt);
      ns[c] = (ns[c] as number) + Number(process.hrtime.bigint() - t);
    }
  }
  return ns;
}

const rows: (string | number)[][] = [];
const goals: string[] = [];
try {
  for (const s of setups) {
    const contenders: Contender[] = [bare(s.alg, s.keyObject), (jwt) => ours.validateSession(jwt)];
    if (s.alg === 'RS256') contenders.push((jwt) => official.validateSession(jwt));
    await interleaved(contenders, s.tokens.slice(0, 300)); // warm-up, and each SDK fetches the JWKS once
    const perSec: number[][] = contenders.map(() => []);
    const vsBare: number[] = [];
    const vsOfficial: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const ns = await interleaved(contenders, s.tokens);
      for (let c = 0; c < ns.length; c++) perSec[c]?.push((TOKENS * 1e9) / (ns[c] as number));
      vsBare.push((ns[0] as number) / (ns[1] as number));
      if (ns[2] !== undefined) vsOfficial.push(ns[2] / (ns[1] as number));
    }
    const [bareOps, oursOps, officialOps] = perSec.map((p) => median(p));
    rows.push([s.alg, s.signPerSec, bareOps ?? NaN, oursOps ?? NaN, officialOps ?? NaN, median(vsBare)]);
    rows[rows.length - 1]?.push(vsOfficial.length > 0 ? median(vsOfficial) : NaN, s.tokens[0]?.length ?? 0);
    if (s.alg === 'RS256') {
      goals.push(
        `RS256 validateSession ÷ @descope/node-sdk: ${median(vsOfficial).toFixed(2)}× (goal ≥ 3×; rounds ${vsOfficial.map((r) => r.toFixed(2)).join(' ')})`,
        `RS256 validateSession ÷ bare node:crypto verify + JSON.parse: ${median(vsBare).toFixed(2)} (goal ≥ 0.8; rounds ${vsBare.map((r) => r.toFixed(2)).join(' ')})`,
      );
    }
  }
} finally {
  server.close();
}

printTable(
  'validate: validateSession over distinct tokens vs bare node:crypto and the official @descope/node-sdk',
  [
    'alg',
    'sign/s (jose)',
    'bare verify/s',
    'notp SDK/s',
    '@descope SDK/s',
    'notp ÷ bare',
    'notp ÷ @descope',
    'JWT bytes',
  ],
  rows,
  [
    `${ROUNDS} rounds × ${TOKENS} distinct valid tokens, medians; contenders alternate call by call, one awaited call at a time.`,
    `JWKS fetched: notp SDK ${ours.jwksFetches} time(s). Every call checks the signature and the claims; no token cache.`,
    ...goals,
  ],
);
