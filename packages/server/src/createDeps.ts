// createDeps(config): the only place that picks adapters (store, events, WhatsApp, tokens) from the configuration.
import { ActivityRecorder } from './activity/ActivityRecorder.js';
import { REPLY_FAILED, REPLY_RETRIED, REPLY_SENT } from './activity/activityMetrics.js';
import type { Config } from './config/config.js';
import { loadOrCreateMasterKey } from './crypto/masterKey.js';
import { createLogger, type Deps, systemClock, systemRandom } from './deps.js';
import { InProcessEventBus } from './events/inProcess/InProcessEventBus.js';
import type { EventBus } from './events/ports.js';
import { RedisEventBus } from './events/redis/RedisEventBus.js';
import { startJanitor } from './maintenance/startJanitor.js';
import { Metrics } from './observability/Metrics.js';
import { meteredEventBus } from './observability/meteredEventBus.js';
import { meteredStore } from './observability/meteredStore.js';
import { MemoryRateLimiter } from './rate-limit/memory/MemoryRateLimiter.js';
import { RedisRateLimiter } from './rate-limit/redis/RedisRateLimiter.js';
import { SERVER_WIDE } from './store/activityPorts.js';
import { createStore } from './store/createStore.js';
import { createTokenService } from './tokens/createTokenService.js';
import { createWhatsApp } from './whatsapp/createWhatsApp.js';
import { createReplyQueue } from './whatsapp/ReplyQueue.js';
import { PrefilledBodyCache } from './whatsapp/templates/PrefilledBodyCache.js';

/** How long shutdown waits for queued WhatsApp replies to go out. */
const REPLY_DRAIN_MS = 5_000;

const janitors = new WeakMap<Deps, () => void>();

export async function createDeps(config: Readonly<Config>, overrides: Partial<Deps> = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;
  const random = overrides.random ?? systemRandom;
  const masterKey = overrides.masterKey ?? loadOrCreateMasterKey(config, (m) => log.warn(m));
  const metrics = overrides.metrics ?? new Metrics();
  const store =
    overrides.store ??
    meteredStore(await createStore(config.databaseUrl, { sqliteDriver: config.sqliteDriver }), metrics);
  const events = overrides.events ?? meteredEventBus(await createEventBus(config, log), metrics);
  const wa = createWhatsApp(config, masterKey, log);
  const whatsapp = overrides.whatsapp ?? wa.whatsapp;
  const activity = overrides.activity ?? new ActivityRecorder(store.activity, () => clock.now(), log);
  const replyMetric = { sent: REPLY_SENT, failed: REPLY_FAILED, retried: REPLY_RETRIED } as const;
  const replies =
    overrides.replies ??
    createReplyQueue({
      sender: whatsapp.sender,
      log,
      onOutcome: (outcome) => activity.count(SERVER_WIDE, replyMetric[outcome]),
    });
  const tokens = overrides.tokens ?? createTokenService({ store, config, masterKey, clock, random });
  // Several instances must share counters, or each would grant the full limit: Redis whenever it is configured.
  const rateLimiter =
    overrides.rateLimiter ??
    (config.redisUrl ? new RedisRateLimiter(config.redisUrl) : new MemoryRateLimiter({ now: () => clock.now() }));
  const deps: Deps = {
    config,
    store,
    events,
    whatsapp,
    replies,
    simulatorInbox: overrides.simulatorInbox !== undefined ? overrides.simulatorInbox : wa.simulatorInbox,
    tokens,
    clock,
    random,
    log,
    masterKey,
    metrics,
    rateLimiter,
    prefilledBodies: overrides.prefilledBodies ?? new PrefilledBodyCache(),
    activity,
  };
  janitors.set(deps, startJanitor(deps));
  activity.start();
  return deps;
}

/** Redis pub/sub when REDIS_URL is set (several instances), else in-process (one instance). */
async function createEventBus(config: Readonly<Config>, log: Deps['log']): Promise<EventBus> {
  if (!config.redisUrl) return new InProcessEventBus();
  return RedisEventBus.connect(config.redisUrl, {
    // Waiters re-read the store at their deadline, so Redis trouble costs latency, never a login.
    onError: (err, context) => log.warn({ context, error: err.message }, 'event bus: Redis unavailable'),
  });
}

/** Releases what createDeps opened: janitor timer, queued replies (drained), activity counts (flushed), event bus, store. */
export async function closeDeps(deps: Deps): Promise<void> {
  janitors.get(deps)?.();
  janitors.delete(deps);
  await deps.replies.drain(REPLY_DRAIN_MS);
  await deps.activity?.stop().catch((err: unknown) => deps.log.warn({ err }, 'activity counts lost at shutdown'));
  await deps.events.close();
  await deps.rateLimiter.close();
  await deps.store.close();
}
