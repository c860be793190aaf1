// validateSession throughput as a ratio to bare jose jwtVerify with the same key, measured in the same run (goal ≥ 0.9).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import { NotpClient } from '../src/NotpClient.js';

const PROJECT_ID = 'P2abcdefghijklmnopqrstuvwxyz';
const ITERATIONS = 10_000; // validations per contender

const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
const jwt = await new SignJWT({ sub: 'U1', drn: 'DS', amr: ['whatsapp'] })
  .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
  .setIssuer(`http://localhost:4000/${PROJECT_ID}`)
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(privateKey);

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ keys: [jwk] }));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const client = NotpClient({
  projectId: PROJECT_ID,
  baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
});
const bareKey = await importJWK(jwk, 'RS256');

const bare = () => jwtVerify(jwt, bareKey, { clockTolerance: 5 });
const ours = () => client.validateSession(jwt);

async function timed(run: () => Promise<unknown>): Promise<bigint> {
  const start = process.hrtime.bigint();
  await run();
  return process.hrtime.bigint() - start;
}

// Warm-up (JIT, the one JWKS fetch). Then the contenders alternate call by call (order flipped every call), so the
// shared machine's drifting load hits both alike; each side's time is the sum of its own calls.
for (let i = 0; i < 500; i++) {
  await bare();
  await ours();
}
let bareNs = 0n;
let oursNs = 0n;
for (let i = 0; i < ITERATIONS; i++) {
  if (i % 2 === 0) {
    bareNs += await timed(bare);
    oursNs += await timed(ours);
  } else {
    oursNs += await timed(ours);
    bareNs += await timed(bare);
  }
}
server.close();

const opsPerSec = (ns: bigint) => ((ITERATIONS * 1e9) / Number(ns)).toFixed(0).padStart(8);
const ratio = Number(bareNs) / Number(oursNs);
console.log(`jose jwtVerify        ${opsPerSec(bareNs)} ops/s`);
console.log(`notp validateSession  ${opsPerSec(oursNs)} ops/s`);
console.log(
  `ratio (notp / jose)   ${ratio.toFixed(3)}  (goal >= 0.9; ${ITERATIONS} calls each; JWKS fetches: ${client.jwksFetches})`,
);
