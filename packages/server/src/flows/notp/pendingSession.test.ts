// pendingSession against the real store and token service: exactly-once issue, terminal errors (long-poll: beside).
import { errors, type NotpError } from '@notp/core';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../crypto/sha256Hex.js';
import { hashPendingRef } from './pendingRef.js';
import type { PendingWaits } from './PendingWaits.js';
import { receiveMessage } from './receiveMessage.js';
import { type StartInput, startLogin } from './startLogin.js';
import { type FlowTestKit, inbound, makeFlowDeps } from './testing/makeFlowDeps.js';
import { codeOf, pendingSessionPerTest, sessionWith, startWith } from './testing/pendingSessionKit.js';

let kit: FlowTestKit;
let waits: PendingWaits;
pendingSessionPerTest((k, w) => {
  kit = k;
  waits = w;
});
const start = (input: Partial<StartInput> & Pick<StartInput, 'kind'>) => startWith(kit, input);
const session = (pendingRef: string, extra: { waitSec?: number } = {}) => sessionWith(kit, waits, pendingRef, extra);

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
    // No auth management key on the start: the claim is untrusted, so it lives under nsec only.
    expect(body.claims['nsec']).toEqual({ plan: 'pro' });
    expect(body.claims).not.toHaveProperty('plan');
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

  it('a start with the auth management key: its custom claims are trusted (top level), also after verification', async () => {
    kit.project.managementKeyHash = sha256Hex('backend-key');
    const s = await start({
      kind: 'signup',
      options: { customClaims: { plan: 'pro' } },
      authManagementKey: 'backend-key',
    });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    const { claims } = (await session(s.pendingRef)).response;
    expect(claims['plan']).toBe('pro');
    expect(claims).not.toHaveProperty('nsec');
  });

  it('a wrong auth management key: 401 E901003 at start, nothing stored (never silently untrusted)', async () => {
    kit.project.managementKeyHash = sha256Hex('backend-key');
    const db = (kit.deps.store as unknown as { db: { prepare(sql: string): { get(): unknown } } }).db;
    const count = () => db.prepare('SELECT count(*) AS n FROM pending_auths').get();
    const before = count();
    const wrong = start({ kind: 'signup', options: { customClaims: { plan: 'pro' } }, authManagementKey: 'guess' });
    expect(await codeOf(wrong)).toBe(errors.managementKeyInvalid.code);
    expect(count()).toEqual(before);
  });

  it('issuance that fails (a claim stored by an older version that cannot be signed) leaves the login unconsumed', async () => {
    const s = await start({ kind: 'signup', options: { customClaims: { plan: 'pro' } } });
    const record = await kit.deps.store.pendingAuths.getByRefHash(hashPendingRef(s.pendingRef));
    if (!record) throw new Error('no pending record');
    // Written as text, as a version without the start-time limits could have: 100,000 levels parse, but never sign.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const db = (kit.deps.store as unknown as { db: { prepare(sql: string): { run(...a: unknown[]): unknown } } }).db;
    const request = JSON.stringify({ ...record.request, customClaims: { deep: '@' } }).replace('"@"', deep);
    db.prepare('UPDATE pending_auths SET request = ? WHERE id = ?').run(request, record.id);
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    expect((await kit.deps.store.pendingAuths.get(record.id))?.status).toBe('verified');

    await expect(session(s.pendingRef)).rejects.toThrow();
    // Not consumed: the failure came before the consume, so nothing was used up and no session was stored.
    const after = await kit.deps.store.pendingAuths.get(record.id);
    expect(after?.status).toBe('verified');
    expect(after?.consumedAt).toBeNull();
    expect(await kit.deps.store.sessions.listForUser(kit.project.projectId, after?.resultUserId ?? '')).toEqual([]);
  });

  it('a store failure after the consume gives the login back: the next poll gets the tokens', async () => {
    const s = await start({ kind: 'signup' });
    await receiveMessage(kit.deps, inbound(kit, '16505551234', s.text));
    const db = (kit.deps.store as unknown as { db: { exec(sql: string): void } }).db;
    // A real failure of the store, not a stand-in: the login-history table is gone while the session is stored.
    db.exec('ALTER TABLE login_history RENAME TO login_history_away');
    try {
      await expect(session(s.pendingRef)).rejects.toThrow(/login_history/);
    } finally {
      db.exec('ALTER TABLE login_history_away RENAME TO login_history');
    }
    const record = await kit.deps.store.pendingAuths.getByRefHash(hashPendingRef(s.pendingRef));
    expect(record).toMatchObject({ status: 'verified', consumedAt: null });
    const issued = (await session(s.pendingRef)).response;
    expect(issued.sessionJwt).toMatch(/^ey/);
    expect(await codeOf(session(s.pendingRef))).toBe(errors.pendingAlreadyUsed.code);
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
});
