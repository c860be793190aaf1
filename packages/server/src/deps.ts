// Deps: everything a flow may use, passed explicitly (no singletons). The only place that picks adapters from config.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { ActivityRecorder } from './activity/ActivityRecorder.js';
import type { Config } from './config/config.js';
import { pooledRandom } from './crypto/pooledRandom.js';
import type { EventBus } from './events/ports.js';
import type { Metrics } from './observability/Metrics.js';
import type { Clock, Random } from './ports.js';
import type { RateLimiter } from './rate-limit/ports.js';
import type { Store } from './store/ports.js';
import type { WhatsApp } from './whatsapp/ports.js';
import type { TokenService } from './tokens/TokenService.js';
import type { SimulatorInbox } from './whatsapp/simulator/SimulatorInbox.js';
import type { ReplyQueue } from './whatsapp/ReplyQueue.js';
import type { PrefilledBodyCache } from './whatsapp/templates/PrefilledBodyCache.js';

export interface Deps {
  config: Readonly<Config>;
  store: Store;
  events: EventBus;
  whatsapp: WhatsApp;
  /** Sends replies off the webhook's path, with retries. */
  replies: ReplyQueue;
  /** Present only in simulator mode: the replies the simulator "phone" received. */
  simulatorInbox: SimulatorInbox | null;
  tokens: TokenService;
  clock: Clock;
  random: Random;
  log: Logger;
  /** 32-byte key that encrypts private signing keys at rest (and derives simulator secrets). */
  masterKey: Buffer;
  /** Prometheus metrics of this instance (createDeps always sets it; hand-built test deps may leave it out). */
  metrics?: Metrics;
  /** Counters of the rate limits (memory by default, Redis when REDIS_URL is set). */
  rateLimiter: RateLimiter;
  /** This instance's built prefilled-message bodies (bounded; see whatsapp/templates/PrefilledBodyCache.ts). */
  prefilledBodies: PrefilledBodyCache;
  /** This instance's login-activity counters, flushed to the store in batches (createDeps always sets it). */
  activity?: ActivityRecorder;
}

export const systemClock: Clock = { now: () => Date.now() };
/** The process's one secure random source (pooled: see crypto/pooledRandom.ts). */
export const systemRandom: Random = pooledRandom();

/** The process's logger (JSON or readable lines, secrets redacted): see observability/createLogger.ts. */
export { createLogger } from './observability/createLogger.js';

/** Ensures the directory of a file path exists (for the SQLite file and generated secrets). */
export function ensureDirFor(filePath: string): void {
  mkdirSync(dirname(filePath), { recursive: true, mode: 0o700 });
}
