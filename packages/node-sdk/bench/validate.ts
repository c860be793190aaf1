// validateSession throughput as a ratio to bare jose jwtVerify with the same key, measured in the same run (goal ≥ 0.9).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import { NotpClient } from '../src/NotpClient.js';

const PROJECT_ID = 'P2abcdefghijklmnopqrstuvwxyz';
const ROUNDS = 41;
const PER_ROUND = 250; // validations per round and contender

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

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const bare = () => jwtVerify(jwt, bareKey, { clockTolerance: 5 });
const ours = () => client.validateSession(jwt);

// Warm-up (JIT, the one JWKS fetch). Then short rounds, alternating which contender goes first, each round giving
// one ratio: the machine's load drifts (it is shared), and the median of adjacent-round ratios cancels the drift.
await time(bare);
await time(ours);
const ratios: number[] = [];
let bareMs = 0;
let oursMs = 0;
for (let round = 0; round < ROUNDS; round++) {
  const first = round % 2 === 0;
  const a = first ? await time(bare) : 0;
  const b = await time(ours);
  const c = first ? 0 : await time(bare);
  const roundBare = a + c;
  bareMs += roundBare;
  oursMs += b;
  ratios.push(roundBare / b);
}
server.close();

ratios.sort((x, y) => x - y);
const median = ratios[Math.floor(ratios.length / 2)]!;
const opsPerSec = (ms: number) => ((ROUNDS * PER_ROUND * 1000) / ms).toFixed(0).padStart(8);
console.log(`jose jwtVerify        ${opsPerSec(bareMs)} ops/s`);
console.log(`notp validateSession  ${opsPerSec(oursMs)} ops/s`);
console.log(
  `ratio (notp / jose)   ${median.toFixed(3)} median of ${ROUNDS} rounds (goal >= 0.9; JWKS fetches: ${client.jwksFetches})`,
);
