// pendingSession's long-poll: held without polling, woken by the verification or failure, the deadline, closeAll.
import { errors } from '@notp/core';
import { describe, expect, it } from 'vitest';
import { hashPendingRef } from './pendingRef.js';
import type { PendingWaits } from './PendingWaits.js';
import { receiveMessage } from './receiveMessage.js';
import type { StartInput } from './startLogin.js';
import { type FlowTestKit, inbound } from './testing/makeFlowDeps.js';
import { codeOf, pendingSessionPerTest, sessionWith, startWith, until } from './testing/pendingSessionKit.js';

let kit: FlowTestKit;
let waits: PendingWaits;
pendingSessionPerTest((k, w) => {
  kit = k;
  waits = w;
});
const start = (input: Partial<StartInput> & Pick<StartInput, 'kind'>) => startWith(kit, input);
const session = (pendingRef: string, extra: { waitSec?: number } = {}) => sessionWith(kit, waits, pendingRef, extra);

describe('pendingSession', () => {
  it('long-poll: held without polling, answered with tokens as soon as the message verifies', async () => {
    const s = await start({ kind: 'signup' });
    const t0 = Date.now();
    const held = session(s.pendingRef, { waitSec: 30 });
    await until(() => waits.size === 1);
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    const issued = await held;
    expect(issued.response.sessionJwt).toBeTruthy();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(waits.size).toBe(0);
  });

  it('long-poll: the waiter wakes within one event-loop turn of the verification (no timer, no polling)', async () => {
    const s = await start({ kind: 'signup' });
    const rec = await kit.deps.store.pendingAuths.getByRefHash(hashPendingRef(s.pendingRef));
    let reads = 0;
    let woke = false;
    const held = waits
      .hold(rec?.id ?? '', 30_000, async () => {
        reads += 1;
        return true;
      })
      .then((didHold) => {
        woke = didHold;
      });
    await until(() => waits.size === 1);
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    await new Promise((r) => setImmediate(r));
    expect(woke).toBe(true);
    expect(reads).toBe(1); // one re-read after subscribing; none while held
    await held;
  });

  it('long-poll: a verification between the first read and the subscription is not lost', async () => {
    const s = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    // Already verified: the hold's re-read sees it and answers without waiting at all.
    const issued = await session(s.pendingRef, { waitSec: 30 });
    expect(issued.response.sessionJwt).toBeTruthy();
    expect(waits.size).toBe(0);
  });

  it('long-poll: a failure wakes the waiter with the terminal error', async () => {
    const s = await start({ kind: 'signup', loginId: '+16505551234' });
    const held = codeOf(session(s.pendingRef, { waitSec: 30 }));
    await until(() => waits.size === 1);
    await receiveMessage(kit.deps, inbound(kit, '16505559999', s.text));
    expect(await held).toBe(errors.senderMismatch.code);
  });

  it('long-poll: the deadline answers "not verified yet"', async () => {
    const s = await start({ kind: 'signup' });
    const t0 = Date.now();
    expect(await codeOf(session(s.pendingRef, { waitSec: 1 }))).toBe(errors.notpPending.code);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(waits.size).toBe(0);
  });

  it('closeAll answers every held request at once with "not verified yet" and refuses new holds', async () => {
    const refs = await Promise.all([1, 2, 3].map(() => start({ kind: 'signup' })));
    const held = refs.map((s) => codeOf(session(s.pendingRef, { waitSec: 30 })));
    await until(() => waits.size === 3);
    const t0 = Date.now();
    waits.closeAll();
    expect(await Promise.all(held)).toEqual([
      errors.notpPending.code,
      errors.notpPending.code,
      errors.notpPending.code,
    ]);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await codeOf(session(refs[0]?.pendingRef ?? '', { waitSec: 30 }))).toBe(errors.notpPending.code);
  });

  it('leaves no event listeners behind', async () => {
    const s = await start({ kind: 'signup' });
    await codeOf(session(s.pendingRef, { waitSec: 1 }));
    const bus = kit.deps.events as unknown as { listenerCount(): number };
    expect(bus.listenerCount()).toBe(0);
  });
});
