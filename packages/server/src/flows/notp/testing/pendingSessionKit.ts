// Test kit for pendingSession: flow deps and PendingWaits per test, start and poll shortcuts, a call's error code.
import { NotpError } from '@notp/core';
import { afterEach, beforeEach } from 'vitest';
import { pendingSession } from '../pendingSession.js';
import { PendingWaits } from '../PendingWaits.js';
import { type StartInput, startLogin } from '../startLogin.js';
import { type FlowTestKit, makeFlowDeps, prefilledTextOf } from './makeFlowDeps.js';

/** Fresh deps and PendingWaits before each test (handed to `use`), every held request answered and closed after. */
export function pendingSessionPerTest(use: (kit: FlowTestKit, waits: PendingWaits) => void): void {
  let kit: FlowTestKit;
  let waits: PendingWaits;
  beforeEach(async () => {
    kit = await makeFlowDeps();
    waits = new PendingWaits(kit.deps.events);
    use(kit, waits);
  });
  afterEach(async () => {
    waits.closeAll();
    await kit.close();
  });
}

/** Starts a login and returns the start's answer with the prefilled message text. */
export async function startWith(kit: FlowTestKit, input: Partial<StartInput> & Pick<StartInput, 'kind'>) {
  const res = await startLogin(kit.deps, kit.project, { loginId: '', ...input });
  return { ...res, text: prefilledTextOf(res.redirectUrl) };
}

/** One pending-session call; with `waitSec` it long-polls through `waits`. */
export function sessionWith(
  kit: FlowTestKit,
  waits: PendingWaits,
  pendingRef: string,
  extra: { waitSec?: number } = {},
) {
  return pendingSession(kit.deps, kit.project, { pendingRef, ...extra, ...(extra.waitSec ? { waits } : {}) });
}

/** The catalogue code a call fails with (undefined when it succeeds). */
export async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (e instanceof NotpError) return e.code;
    throw e;
  }
}
/** Polls a condition with a deadline (never a fixed sleep). */
export async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
