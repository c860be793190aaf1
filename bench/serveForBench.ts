// Child-process entry of the benchmarks: one real notp server (temp SQLite unless DATABASE_URL is set), driven over IPC.
import { startTestServer } from '@notp/test-utils/server';
import type { BenchServerReady, ParentMessage } from './benchServer.js';
import { countIo, ioCounts } from './countIo.js';

countIo();

const env = JSON.parse(process.env.NOTP_BENCH_ENV ?? '{}') as Record<string, string>;
const server = await startTestServer(env);

// A bench may sign with another algorithm than the default RS256: set the project's setting and rotate to a new key.
const signingAlg = process.env.NOTP_BENCH_SIGNING_ALG as 'RS256' | 'ES256' | 'EdDSA' | undefined;
if (signingAlg) {
  const project = await server.deps.store.projects.get(server.projectId);
  if (!project) throw new Error('the bench project is missing');
  await server.deps.store.projects.updateSettings(server.projectId, { ...project.settings, signingAlg });
  await server.deps.tokens.rotate(server.projectId);
}

/** Memory after a full collection, so deltas measure what is retained, not garbage waiting to be collected. */
function settledMemory(): NodeJS.MemoryUsage {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage();
}

/**
 * Long-polls the server holds right now, from its Prometheus gauge (one per pending-session request subscribed to its
 * pending auth's channel: from then on a verification cannot be missed). Read in-process, no socket.
 */
async function heldLongPolls(): Promise<number> {
  const res = await server.app.inject({ method: 'GET', url: '/metrics' });
  const line = /^notp_long_polls_open(?:\{[^}]*\})? (\d+)/m.exec(res.body);
  if (!line?.[1]) throw new Error('no notp_long_polls_open gauge in /metrics');
  return Number(line[1]);
}

process.on('message', (message: ParentMessage) => {
  const reply = (body: object) => process.send?.({ id: message.id, ...body });
  switch (message.type) {
    case 'memory':
      reply({ memory: settledMemory() });
      return;
    case 'cpu':
      reply({ cpu: process.cpuUsage() });
      return;
    case 'io':
      reply({ io: ioCounts() });
      return;
    case 'held':
      heldLongPolls().then(
        (count) => reply({ count }),
        (err: unknown) => reply({ count: -1, error: String(err) }),
      );
      return;
    case 'close':
      server.close().then(
        () => {
          reply({});
          // Exit even if a library left a handle open: the parent waits for this process to end.
          setImmediate(() => process.exit(0));
        },
        (err: unknown) => reply({ error: String(err) }),
      );
      return;
  }
});

const ready: BenchServerReady = {
  type: 'ready',
  url: server.url,
  projectId: server.projectId,
  managementKey: server.managementKey,
  appSecret: server.deps.config.cloudApi.appSecret ?? '',
  whatsappNumber: server.deps.config.whatsappNumber,
  phoneNumberId: server.deps.config.cloudApi.phoneNumberId,
};
process.send?.(ready);
