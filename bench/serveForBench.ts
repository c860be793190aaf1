// Child-process entry of the benchmarks: one real notp server (temp SQLite unless DATABASE_URL is set), driven over IPC.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { startTestServer } from '@notp/test-utils/server';
import type { BenchServerReady, ParentMessage, StallReport } from './benchServer.js';
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

// What stalls the event loop, for the latency benches: the loop's delay (1 ms resolution) and every GC pause.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let gc = { pauses: 0, total: 0, max: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.pauses++;
    gc.total += entry.duration;
    gc.max = Math.max(gc.max, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

/** The stalls since the previous report; starts the next period. */
function stalls(): StallReport {
  const ms = (ns: number) => ns / 1e6;
  const report: StallReport = {
    loopDelayP50: ms(loopDelay.percentile(50)),
    loopDelayP99: ms(loopDelay.percentile(99)),
    loopDelayMax: ms(loopDelay.max),
    gcPauses: gc.pauses,
    gcTotal: gc.total,
    gcMax: gc.max,
  };
  loopDelay.reset();
  gc = { pauses: 0, total: 0, max: 0 };
  return report;
}

/** Memory after a full collection, so deltas measure what is retained, not garbage waiting to be collected. */
function settledMemory(): NodeJS.MemoryUsage {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage();
}

/**
 * Long-polls the server holds right now: its notp_long_polls_open gauge (one per pending-session request subscribed
 * to its pending auth's channel: from then on a verification cannot be missed), read from the gauge itself. Rendering
 * all of /metrics for it, as this did first, made enough garbage in a tight polling loop to trigger GC pauses of
 * 10–17 ms that then landed inside the next measured login.
 */
async function heldLongPolls(): Promise<number> {
  const gauge = server.deps.metrics?.registry.getSingleMetric('notp_long_polls_open');
  if (!gauge) throw new Error('the bench server has no notp_long_polls_open gauge');
  return (await gauge.get()).values[0]?.value ?? 0;
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
    case 'stalls':
      reply({ stalls: stalls() });
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
