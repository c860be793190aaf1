// pendingSession against the real store and token service: exactly-once issue, terminal errors, and the long-poll.
import { errors, NotpError } from '@notp/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashPendingRef } from './pendingRef.js';
import { pendingSession } from './pendingSession.js';
import { PendingWaits } from './PendingWaits.js';
import { receiveMessage } from './receiveMessage.js';
import { type StartInput, startLogin } from './startLogin.js';
import { type FlowTestKit, inbound, makeFlowDeps, prefilledTextOf } from './testing/makeFlowDeps.js';

let kit: FlowTestKit;
let waits: PendingWaits;
beforeEach(async () => {
  kit = await makeFlowDeps();
  waits = new PendingWaits(kit.deps.events);
});
afterEach(async () => {
  waits.closeAll();
  await kit.close();
});

async function start(input: Partial<StartInput> & Pick<StartInput, 'kind'>) {
  const res = await startLogin(kit.deps, kit.project, { loginId: '', ...input });
  return { ...res, text: prefilledTextOf(res.redirectUrl) };
}
const session = (pendingRef: string, extra: { waitSec?: number } = {}) =>
  pendingSession(kit.deps, kit.project, { pendingRef, ...extra, ...(extra.waitSec ? { waits } : {}) });
async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (e instanceof NotpError) return e.code;
    throw e;
  }
}
/** Polls a condition with a deadline (never a fixed sleep). */
async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}

describe('pendingSession', () => {
  it('sign-up → message → tokens; the session JWT verifies and carries amr whatsapp', async () => {
    const s = await start({ kind: 'signup', options: { customClaims: { plan: 'pro' } } });
    expect(await codeOf(session(s.pendingRef))).toBe(errors.notpPending.code);
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    const issued = await session(s.pendingRef);
    const body = issued.response;
    expect(body.firstSeen).toBe(true);
    expect(body.user?.loginIds).toEqual(['+16505551234']);
    expect(body.claims.amr).toEqual(['whatsapp']);
    expect(body.claims['plan']).toBe('pro');
    const claims = await kit.deps.tokens.verify(kit.project.projectId, body.sessionJwt, 'DS');
    expect(claims?.sub).toBe(body.user?.userId);
    expect(await kit.deps.tokens.verify(kit.project.projectId, body.refreshJwt ?? '', 'DSR')).not.toBeNull();
  });

  it('update: the sender becomes the verified phone (added to login ids); step-up keeps the user and amr', async () => {
    const first = await start({ kind: 'signup', loginId: 'joe@example.com' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', first.text));
    const signedUp = (await session(first.pendingRef)).response;
    const token = signedUp.refreshJwt ?? '';
    const upd = await start({
      kind: 'update',
      loginId: 'joe@example.com',
      phone: '+16505557777',
      refreshJwt: token,
      options: { addToLoginIDs: true },
    });
    await receiveMessage(kit.deps, inbound(kit, '16505557777', upd.text));
    const updated = (await session(upd.pendingRef)).response;
    expect(updated.user).toMatchObject({ userId: signedUp.user?.userId, phone: '+16505557777', verifiedPhone: true });
    expect(updated.user?.loginIds).toEqual(['joe@example.com', '+16505557777']);
    expect(updated.firstSeen).toBe(false);

    const up = await start({
      kind: 'signin',
      loginId: 'joe@example.com',
      refreshJwt: token,
      options: { stepup: true },
    });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', up.text)); // old phone: no longer the verified one
    expect(await codeOf(session(up.pendingRef))).toBe(errors.senderMismatch.code);
    const up2 = await start({ kind: 'signin', loginId: '', refreshJwt: token, options: { stepup: true } });
    await receiveMessage(kit.deps, inbound(kit, '16505557777', up2.text));
    const stepped = (await session(up2.pendingRef)).response;
    expect(stepped.user?.userId).toBe(signedUp.user?.userId);
    expect(stepped.claims.amr).toEqual(['whatsapp']);
  });

  it('issues exactly once: a second call is "already used"', async () => {
    const s = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    await session(s.pendingRef);
    expect(await codeOf(session(s.pendingRef))).toBe(errors.pendingAlreadyUsed.code);
  });

  it('20 concurrent calls: exactly one JWTResponse, the rest "already used"', async () => {
    const s = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => session(s.pendingRef)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as NotpError).code).toBe(errors.pendingAlreadyUsed.code);
    }
    const sessions = await kit.deps.store.sessions.listForUser(
      kit.project.projectId,
      (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof session>>>).value.response.user?.userId ?? '',
    );
    expect(sessions).toHaveLength(1);
  });

  it.each([
    ['unknown ref', async () => 'nope', errors.pendingUnknown.code],
    [
      'a ref of another project',
      async () => {
        const other = await makeFlowDeps();
        const res = await startLogin(other.deps, other.project, { kind: 'signup', loginId: '' });
        // Same database is not shared, so copy the record into ours under the other project id.
        const rec = await other.deps.store.pendingAuths.getByRefHash(hashPendingRef(res.pendingRef));
        await other.close();
        if (!rec) throw new Error('missing');
        await kit.deps.store.projects.create({ ...kit.project, projectId: rec.projectId });
        await kit.deps.store.pendingAuths.create(rec);
        return res.pendingRef;
      },
      errors.pendingUnknown.code,
    ],
    [
      'expired',
      async () => {
        const s = await start({ kind: 'signup' });
        kit.clock.advance(kit.project.settings.pendingTtlSec * 1000 + 1);
        return s.pendingRef;
      },
      errors.pendingExpired.code,
    ],
    [
      'verified but expired before collection',
      async () => {
        const s = await start({ kind: 'signup' });
        await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
        kit.clock.advance(kit.project.settings.pendingTtlSec * 1000);
        return s.pendingRef;
      },
      errors.pendingExpired.code,
    ],
    [
      'failed by a wrong sender',
      async () => {
        const s = await start({ kind: 'signup', loginId: '+16505551234' });
        await receiveMessage(kit.deps, inbound(kit, '16505559999', s.text));
        return s.pendingRef;
      },
      errors.senderMismatch.code,
    ],
  ])('%s → terminal error', async (_name, arrange, code) => {
    const ref = await arrange();
    expect(await codeOf(session(ref))).toBe(code);
  });

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

  it('long-poll: once woken, it consumes at once; the pending auth is read before holding only', async () => {
    const s = await start({ kind: 'signup' });
    const reads = vi.spyOn(kit.deps.store.pendingAuths, 'getByRefHash');
    const held = session(s.pendingRef, { waitSec: 30 });
    await until(() => waits.size === 1);
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    expect((await held).response.sessionJwt).toBeTruthy();
    expect(reads).toHaveBeenCalledTimes(2); // the first read, and the re-read after subscribing; none after the wake
    reads.mockRestore();
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
