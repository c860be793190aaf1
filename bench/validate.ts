// `npm run bench -- validate`: the node SDK's local session validation vs bare jose jwtVerify with the same key
// (goal ≥ 0.9), and what RS256, ES256 and EdDSA cost to sign and to verify (the algorithm trade-off).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotpClient } from '@notp/node-sdk';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import { median } from './latencyStats.js';
import { printTable } from './printTable.js';

const PROJECT_ID = 'P2abcdefghijklmnopqrstuvwxyz';
const ISSUER = `http://localhost:4000/${PROJECT_ID}`;
const ROUNDS = 5;
const CALLS = 2_000; // per contender per round
const ALGS = ['RS256', 'ES256', 'EdDSA'] as const;
type Alg = (typeof ALGS)[number];

interface AlgSetup {
  alg: Alg;
  privateKey: CryptoKey;
  bareKey: CryptoKey;
  jwt: string;
  jwkBytes: number;
}

async function setUp(alg: Alg): Promise<AlgSetup> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: `k-${alg}`, alg, use: 'sig' };
  return {
    alg,
    privateKey,
    bareKey: (await importJWK(jwk, alg)) as CryptoKey,
    jwt: await sign(alg, privateKey),
    jwkBytes: JSON.stringify(jwk).length,
  };
}

/** A session JWT shaped like ours (claims as the server issues them). */
function sign(alg: Alg, key: CryptoKey): Promise<string> {
  return new SignJWT({ sub: 'U2abcdefghijklmnopqrstuvwxy', drn: 'DS', amr: ['whatsapp'], roles: [], permissions: [] })
    .setProtectedHeader({ alg, kid: `k-${alg}`, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
}

const setups = await Promise.all(ALGS.map(setUp));
const jwks = { keys: await Promise.all(setups.map(async (s) => JSON.parse(await jwkOf(s)))) };
async function jwkOf(s: AlgSetup): Promise<string> {
  return JSON.stringify({ ...(await exportJWK(s.bareKey)), kid: `k-${s.alg}`, alg: s.alg, use: 'sig' });
}
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(jwks));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const client = NotpClient({
  projectId: PROJECT_ID,
  baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
});

/** Awaited calls back to back; returns ops/s. */
async function opsPerSec(calls: number, run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await run();
  return (calls * 1e9) / Number(process.hrtime.bigint() - start);
}

/** Two contenders alternating call by call (order flipped each call), so drifting load hits both alike. */
async function interleaved(a: () => Promise<unknown>, b: () => Promise<unknown>, calls: number): Promise<number> {
  let aNs = 0n;
  let bNs = 0n;
  for (let i = 0; i < calls; i++) {
    const first = i % 2 === 0;
    for (const side of first ? [0, 1] : [1, 0]) {
      const t = process.hrtime.bigint();
      await (side === 0 ? a() : b());
      if (side === 0) aNs += process.hrtime.bigint() - t;
      else bNs += process.hrtime.bigint() - t;
    }
  }
  return Number(aNs) / Number(bNs); // time(a) / time(b) = speed(b) / speed(a)
}

const rows: (string | number)[][] = [];
const ratios: Record<Alg, number[]> = { RS256: [], ES256: [], EdDSA: [] };
const signs: Record<Alg, number[]> = { RS256: [], ES256: [], EdDSA: [] };
const verifies: Record<Alg, number[]> = { RS256: [], ES256: [], EdDSA: [] };
try {
  for (const s of setups) {
    const bare = () => jwtVerify(s.jwt, s.bareKey, { issuer: ISSUER, clockTolerance: 5 });
    const ours = () => client.validateSession(s.jwt);
    for (let i = 0; i < 300; i++) await Promise.all([bare(), ours(), sign(s.alg, s.privateKey)]); // warm-up, JWKS
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of setups) {
      const bare = () => jwtVerify(s.jwt, s.bareKey, { issuer: ISSUER, clockTolerance: 5 });
      const ours = () => client.validateSession(s.jwt);
      ratios[s.alg].push(await interleaved(bare, ours, CALLS));
      signs[s.alg].push(await opsPerSec(CALLS / 4, () => sign(s.alg, s.privateKey)));
      verifies[s.alg].push(await opsPerSec(CALLS, bare));
    }
  }
} finally {
  server.close();
}
for (const s of setups) {
  rows.push([
    s.alg,
    median(signs[s.alg]),
    median(verifies[s.alg]),
    median(ratios[s.alg]),
    Math.min(...ratios[s.alg]),
    s.jwt.length,
    s.jwkBytes,
  ]);
}

printTable(
  'validate: node SDK validateSession vs bare jose jwtVerify, and the cost of each signing algorithm',
  ['alg', 'sign ops/s', 'jose verify ops/s', 'SDK/jose ratio (median)', 'worst round', 'JWT bytes', 'JWK bytes'],
  rows,
  [
    `${ROUNDS} rounds; ratio = jose time / SDK time over ${CALLS} calls each, alternating call by call (goal ≥ 0.9).`,
    `JWKS fetched by the SDK: ${client.jwksFetches} time(s) (cached by kid). One awaited call at a time, one core.`,
  ],
);
