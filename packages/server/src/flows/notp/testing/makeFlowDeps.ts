// makeFlowDeps: real Deps for flow tests — in-memory SQLite, in-process bus, simulator sender, real tokens, fake clock.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../../../config/config.js';
import { type Deps, systemRandom } from '../../../deps.js';
import { InProcessEventBus } from '../../../events/inProcess/InProcessEventBus.js';
import { defaultProjectSettings } from '../../../projects/defaults.js';
import { MemoryRateLimiter } from '../../../rate-limit/memory/MemoryRateLimiter.js';
import { createStore } from '../../../store/createStore.js';
import type { ProjectRecord, ProjectSettings } from '../../../store/ports.js';
import { createTokenService } from '../../../tokens/createTokenService.js';
import { createReplyQueue } from '../../../whatsapp/ReplyQueue.js';
import { MemorySimulatorInbox } from '../../../whatsapp/simulator/SimulatorInbox.js';
import { SimulatorSender } from '../../../whatsapp/simulator/SimulatorSender.js';
import { PrefilledBodyCache } from '../../../whatsapp/templates/PrefilledBodyCache.js';
import type { InboundMessage } from '../../../whatsapp/ports.js';

/** A clock the test moves by hand (expiry without sleeping). */
export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

export interface FlowTestKit {
  deps: Deps;
  clock: FakeClock;
  inbox: MemorySimulatorInbox;
  project: ProjectRecord;
  close(): Promise<void>;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `env` adds configuration. Rate limits are off unless `env` turns them on (`NOTP_RATE_LIMIT: 'on'`): flow tests check
 * logic and reuse one login id many times; the limits have their own tests.
 */
export async function makeFlowDeps(
  settings: Partial<ProjectSettings> = {},
  env: Record<string, string> = {},
): Promise<FlowTestKit> {
  let t = Date.UTC(2026, 10, 23, 9, 0, 0);
  const clock: FakeClock = {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    NOTP_PUBLIC_URL: 'http://127.0.0.1:4000',
    NOTP_RATE_LIMIT: 'off',
    ...env,
  });
  const store = await createStore(config.databaseUrl);
  const log = pino({ level: 'silent' });
  const inbox = new MemorySimulatorInbox({ now: clock.now });
  const sender = new SimulatorSender(inbox);
  const masterKey = randomBytes(32);
  const deps: Deps = {
    config,
    store,
    events: new InProcessEventBus(),
    whatsapp: { cloudApi: null, twilio: null, sender },
    replies: createReplyQueue({ sender, log }),
    simulatorInbox: inbox,
    tokens: createTokenService({ store, config, masterKey, clock, random: systemRandom }),
    clock,
    random: systemRandom,
    log,
    masterKey,
    rateLimiter: new MemoryRateLimiter({ now: clock.now, sweepEveryMs: 0 }),
    prefilledBodies: new PrefilledBodyCache(),
  };
  let projectId = 'P';
  for (const b of randomBytes(27)) projectId += ALNUM[b % ALNUM.length];
  const project: ProjectRecord = {
    projectId,
    name: 'Acme',
    managementKeyHash: '0'.repeat(64),
    settings: { ...defaultProjectSettings(config), ...settings },
    createdAt: clock.now(),
  };
  await store.projects.create(project);
  return {
    deps,
    clock,
    inbox,
    project,
    async close() {
      await deps.replies.drain(1000);
      await deps.events.close();
      await deps.rateLimiter.close();
      await store.close();
    },
  };
}

let messageCounter = 0;

/** An inbound Cloud-API-style message as the webhook adapter would parse it (timestamp = the kit's clock). */
export function inbound(
  kit: Pick<FlowTestKit, 'clock'>,
  waId: string | null,
  text: string,
  over: Partial<InboundMessage> = {},
): InboundMessage {
  messageCounter += 1;
  const id = `wamid.TEST${messageCounter}${randomBytes(4).toString('hex')}`;
  return {
    messageKey: `cloud-api:${id}`,
    messageId: id,
    waId,
    bsuid: null,
    text,
    buttonId: null,
    contextId: null,
    forwarded: false,
    profileName: null,
    timestamp: kit.clock.now(),
    ...over,
  };
}

/** The prefilled message text carried by a start's redirectUrl (simulator chat link or wa.me link). */
export function prefilledTextOf(redirectUrl: string): string {
  return new URL(redirectUrl).searchParams.get('text') ?? '';
}
