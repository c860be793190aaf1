// `npx tsx bench/cpuProfileTop.ts <file.cpuprofile> [n]`: the functions with the most self time, by package, and
// by stage of a login (QR, store, signing, webhook checks, HTTP, …: docs/performance.md, "Where a login's time goes").
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, limit = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuProfileTop.ts <file.cpuprofile> [n]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

// Self time per node from the sample stream (each sample's delta belongs to the node that was on top).
const selfUs = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m?.[1]) return m[1];
  if (url.includes('/packages/')) return url.replace(/^.*\/packages\//, '');
  return url === '' ? '(native/VM)' : url.replace(/^.*\//, '');
};
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'}  ${where(url)}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const pkg = where(url).split('/').slice(0, 2).join('/');
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}
const top = (m: Map<string, number>, n = Number(limit)) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(`total sampled ${(total / 1e6).toFixed(2)} s\n\nby function (self time)\n${top(byFunction)}`);
console.log(`\nby package / file\n${top(byPackage)}`);

// By stage: each sample goes to the innermost frame on its stack that belongs to a stage of a login, so time spent
// in Node's internals (zlib under the QR, the socket write under Fastify) counts for the stage that called them.
const STAGES: [stage: string, test: (url: string, fn: string) => boolean][] = [
  ['startup (module loading, compile)', (u, f) => /\/(loader|esm\/|tsx\/)/.test(u) || f === 'compileSourceTextModule'],
  ['signing (jose, WebCrypto)', (u) => /node_modules\/jose\/|\/src\/tokens\/|crypto\/(webcrypto|rsa|ec|cfrg)/.test(u)],
  ['QR (matrix, mask search, PNG)', (u) => /\/src\/qr\/|node_modules\/qrcode\//.test(u)],
  ['store (SQL statements, rows)', (u) => /\/src\/store\/|better-sqlite3|node_modules\/pg/.test(u)],
  ['phone numbers (libphonenumber-js)', (u) => u.includes('libphonenumber-js')],
  ['webhook checks (HMAC, parse)', (u) => u.includes('/src/whatsapp/')],
  [
    'HTTP (Node http, Fastify, routing, JSON schemas)',
    (u) => /fastify|find-my-way|_http_|node:net|stream|ajv|light-my-request|avvio/.test(u),
  ],
];
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const byStage = new Map<string, number>();
for (const [id, us] of selfUs) {
  const leaf = byId.get(id);
  let stage: string | undefined;
  for (let cur: number | undefined = id; cur !== undefined && !stage; cur = parentOf.get(cur)) {
    const frame = byId.get(cur)?.callFrame;
    if (frame) stage = STAGES.find(([, test]) => test(frame.url, frame.functionName))?.[0];
  }
  const name = leaf?.callFrame.functionName ?? '';
  if (!stage && name === '(idle)') stage = '(idle)';
  if (!stage && name === '(garbage collector)') stage = 'garbage collection';
  if (!stage && name === 'writev') stage = 'HTTP (Node http, Fastify, routing, JSON schemas)';
  stage ??= 'flows, events and everything else';
  byStage.set(stage, (byStage.get(stage) ?? 0) + us);
}
console.log(`\nby stage of a login (innermost stage on the stack)\n${top(byStage, STAGES.length + 3)}`);
