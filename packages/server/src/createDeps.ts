// createDeps(config): the only place that picks adapters (store, events, WhatsApp, tokens) from the configuration.
import type { Config } from './config/config.js';
import { loadOrCreateMasterKey } from './crypto/masterKey.js';
import { createLogger, type Deps, systemClock, systemRandom } from './deps.js';
import { InProcessEventBus } from './events/inProcess/InProcessEventBus.js';
import { startJanitor } from './maintenance/startJanitor.js';
import { MemoryRateLimiter } from './rate-limit/memory/MemoryRateLimiter.js';
import { RedisRateLimiter } from './rate-limit/redis/RedisRateLimiter.js';
import { createStore } from './store/createStore.js';
import { createTokenService } from './tokens/createTokenService.js';
import { createWhatsApp } from './whatsapp/createWhatsApp.js';
import { createReplyQueue } from './whatsapp/ReplyQueue.js';

/** How long shutdown waits for queued WhatsApp replies to go out. */
const REPLY_DRAIN_MS = 5_000;

const janitors = new WeakMap<Deps, () => void>();

export async function createDeps(config: Readonly<Config>, overrides: Partial<Deps> = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;
  const random = overrides.random ?? systemRandom;
  const masterKey = overrides.masterKey ?? loadOrCreateMasterKey(config, (m) => log.warn(m));
  const store = overrides.store ?? (await createStore(config.databaseUrl));
  const events = overrides.events ?? new InProcessEventBus();
  const wa = createWhatsApp(config, masterKey, log);
  const whatsapp = overrides.whatsapp ?? wa.whatsapp;
  const replies = overrides.replies ?? createReplyQueue({ sender: whatsapp.sender, log });
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
    rateLimiter,
  };
  janitors.set(deps, startJanitor(deps));
  return deps;
}

/** Releases what createDeps opened: janitor timer, queued replies (drained), event bus, store. */
export async function closeDeps(deps: Deps): Promise<void> {
  janitors.get(deps)?.();
  janitors.delete(deps);
  await deps.replies.drain(REPLY_DRAIN_MS);
  await deps.events.close();
  await deps.rateLimiter.close();
  await deps.store.close();
}
