// The one conformance suite of the Store port: every adapter runs it, so every guarantee in ports.ts is checked.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AuditEvent,
  LoginIdTakenError,
  type PendingAuthRecord,
  type ProjectRecord,
  type RefreshSessionRecord,
  type SigningKeyRecord,
  type Store,
  type UserRecord,
  type Verification,
} from './ports.js';

export interface StoreConformanceOptions {
  /** Shown in the describe block, e.g. "sqlite (file)". */
  name: string;
  /** A fresh, empty, migrated store; called once per test. */
  make: () => Promise<Store>;
  /** Opens a new store on the same database as `closed` (already closed); omit for databases that do not persist. */
  reopen?: (closed: Store) => Promise<Store>;
}

const T0 = Date.UTC(2025, 5, 2, 9, 30); // a fixed "now", epoch ms
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const PROJECT = 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6'; // P + 27 alphanumerics, as the contract's ids
const OTHER_PROJECT = 'P2aB3cD4eF5gH6iJ7kL8mN9oP0qR';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const secretHash = (): string => sha256(randomBytes(32).toString('base64url'));
let counter = 0;
const nextId = (prefix: string): string =>
  `${prefix}${(++counter).toString().padStart(6, '0')}${randomBytes(6).toString('hex')}`;

function project(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    projectId: PROJECT,
    name: 'Acme Shop',
    managementKeyHash: secretHash(),
    settings: {
      sessionTtlSec: 600,
      refreshTtlSec: 2_419_200,
      pendingTtlSec: 600,
      refreshRotation: false,
      tokenDelivery: 'body',
      cookieDomain: '',
      allowedOrigins: ['http://localhost:*'],
      confirmation: false,
      signingAlg: 'RS256',
    },
    createdAt: T0,
    ...overrides,
  };
}

function user(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    projectId: PROJECT,
    userId: nextId('U'),
    loginIds: ['+16505551234'],
    phone: '+16505551234',
    verifiedEmail: false,
    verifiedPhone: true,
    waId: '16505551234',
    roleNames: [],
    userTenants: [],
    status: 'enabled',
    customAttributes: {},
    test: false,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** A pending login of PROJECT with unique id and hashes (the activity suite builds on it too). */
export function pending(overrides: Partial<PendingAuthRecord> = {}): PendingAuthRecord {
  return {
    id: nextId('pa_'),
    projectId: PROJECT,
    refHash: secretHash(),
    codeHash: secretHash(),
    kind: 'signup-in',
    request: { loginId: '+16505551234', loginIdKind: 'phone', locale: 'en', ip: '203.0.113.7' },
    expectedPhone: '+16505551234',
    userId: null,
    parentSessionId: null,
    status: 'pending',
    failureCode: null,
    senderPhone: null,
    senderWaId: null,
    senderBsuid: null,
    resultUserId: null,
    firstSeen: false,
    confirmNonceHash: null,
    createdAt: T0,
    expiresAt: T0 + 10 * MIN,
    verifiedAt: null,
    consumedAt: null,
    ...overrides,
  };
}

function verification(p: PendingAuthRecord, overrides: Partial<Verification> = {}): Verification {
  return {
    pendingId: p.id,
    messageKey: `cloud-api:wamid.${randomBytes(12).toString('hex')}`,
    senderPhone: '+16505551234',
    senderWaId: '16505551234',
    senderBsuid: null,
    status: 'verified',
    now: T0 + MIN,
    ...overrides,
  };
}

function session(overrides: Partial<RefreshSessionRecord> = {}): RefreshSessionRecord {
  const id = nextId('jti_');
  return {
    id,
    projectId: PROJECT,
    userId: 'U2aaaaaaaaaaaaaaaaaaaaaaaaaaa',
    familyId: id,
    amr: ['whatsapp'],
    tenantId: null,
    customClaims: {},
    customClaimsTrusted: false,
    createdAt: T0,
    expiresAt: T0 + 28 * DAY,
    revokedAt: null,
    rotatedAt: null,
    ...overrides,
  };
}

function signingKey(overrides: Partial<SigningKeyRecord> = {}): SigningKeyRecord {
  const kid = nextId('K');
  return {
    kid,
    projectId: PROJECT,
    alg: 'ES256',
    publicJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
      kid,
      alg: 'ES256',
      use: 'sig',
    },
    privateKeyEnc: randomBytes(96).toString('base64'),
    status: 'active',
    createdAt: T0,
    retireAfter: null,
    ...overrides,
  };
}

/** Runs `n` copies of `task` concurrently and returns every result. */
function race<T>(n: number, task: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => task(i)));
}

/** Registers the conformance cases for one adapter; each case gets a fresh store from `make()`. */
export function runStoreConformance(opts: StoreConformanceOptions): void {
  describe(`Store conformance: ${opts.name}`, () => {
    const opened: Store[] = [];
    const fresh = async (): Promise<Store> => {
      const s = await opts.make();
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    describe('store', () => {
      it('kind names the adapter and ping answers', async () => {
        const store = await fresh();
        expect(['sqlite', 'postgres']).toContain(store.kind);
        await expect(store.ping()).resolves.toBeUndefined();
      });

      // Only file-backed adapters can be reopened (a :memory: database is gone once closed): registered where it applies.
      (opts.reopen !== undefined ? it : () => {})('survives close and reopen', async () => {
        const store = await fresh();
        const u = user({ name: 'Ada Lovelace' });
        const p = pending();
        const s = session({ userId: u.userId });
        const k = signingKey();
        const proj = project();
        await store.projects.create(proj);
        await store.users.create(u);
        await store.pendingAuths.create(p);
        await store.sessions.create(s);
        await store.keys.create(k);
        await store.webhookMessages.record('cloud-api:wamid.durable', T0);
        await store.loginHistory.add({
          projectId: PROJECT,
          userId: u.userId,
          loginTime: T0,
          ip: '203.0.113.7',
          city: '',
          country: 'US',
        });
        await store.close();

        const again = await opts.reopen!(store);
        opened.push(again);
        expect(await again.projects.get(PROJECT)).toEqual(proj);
        expect(await again.users.getByLoginId(PROJECT, '+16505551234')).toEqual(u);
        expect(await again.pendingAuths.getByRefHash(p.refHash)).toEqual(p);
        expect(await again.sessions.get(s.id)).toEqual(s);
        expect(await again.keys.getActive(PROJECT)).toEqual(k);
        expect(await again.webhookMessages.record('cloud-api:wamid.durable', T0 + 1)).toBe(false);
        expect(await again.loginHistory.list(PROJECT, u.userId)).toHaveLength(1);
      });
    });

    describe('projects', () => {
      it('projects.create/get round-trips the record; an unknown id is null', async () => {
        const store = await fresh();
        const p = project();
        await store.projects.create(p);
        expect(await store.projects.get(PROJECT)).toEqual(p);
        expect(await store.projects.get(OTHER_PROJECT)).toBeNull();
      });

      it('projects.create: a duplicate project id is rejected', async () => {
        const store = await fresh();
        await store.projects.create(project());
        await expect(store.projects.create(project({ name: 'Other' }))).rejects.toThrow();
        expect((await store.projects.get(PROJECT))?.name).toBe('Acme Shop');
      });

      it('projects.list returns every project, oldest first', async () => {
        const store = await fresh();
        await store.projects.create(project({ projectId: OTHER_PROJECT, createdAt: T0 + 1 }));
        await store.projects.create(project());
        expect((await store.projects.list()).map((p) => p.projectId)).toEqual([PROJECT, OTHER_PROJECT]);
      });

      it('projects.updateSettings replaces the settings; unknown project → false', async () => {
        const store = await fresh();
        await store.projects.create(project());
        const settings = {
          ...project().settings,
          refreshRotation: true,
          tokenDelivery: 'cookies' as const,
          allowedOrigins: ['https://shop.example'],
        };
        expect(await store.projects.updateSettings(PROJECT, settings)).toBe(true);
        expect((await store.projects.get(PROJECT))?.settings).toEqual(settings);
        expect(await store.projects.updateSettings(OTHER_PROJECT, settings)).toBe(false);
      });

      it('projects.updateSettings with expected: only while the stored settings still equal it (compare-and-set)', async () => {
        const store = await fresh();
        const before = { ...project().settings, templates: { es: { prefilled: 'Entrar a {app}: código {code} ñ' } } };
        await store.projects.create(project({ settings: before }));
        const read = (await store.projects.get(PROJECT))?.settings ?? before;
        const a = { ...read, confirmation: true };
        const b = { ...read, refreshRotation: true };
        expect(await store.projects.updateSettings(PROJECT, a, read)).toBe(true);
        // b was computed from the old settings: it must not overwrite a's change.
        expect(await store.projects.updateSettings(PROJECT, b, read)).toBe(false);
        expect((await store.projects.get(PROJECT))?.settings).toEqual(a);
        expect(await store.projects.updateSettings(OTHER_PROJECT, a, a)).toBe(false);
      });

      it('projects.setName renames the project; unknown project → false', async () => {
        const store = await fresh();
        await store.projects.create(project());
        expect(await store.projects.setName(PROJECT, 'Acme Pay ✓')).toBe(true);
        expect((await store.projects.get(PROJECT))?.name).toBe('Acme Pay ✓');
        expect(await store.projects.setName(OTHER_PROJECT, 'x')).toBe(false);
      });

      it('projects.setManagementKeyHash replaces the hash; unknown project → false', async () => {
        const store = await fresh();
        await store.projects.create(project());
        const hash = secretHash();
        expect(await store.projects.setManagementKeyHash(PROJECT, hash)).toBe(true);
        expect((await store.projects.get(PROJECT))?.managementKeyHash).toBe(hash);
        expect(await store.projects.setManagementKeyHash(OTHER_PROJECT, hash)).toBe(false);
      });
    });

    describe('users', () => {
      it('users.create/get round-trips every field; unset optional fields stay absent', async () => {
        const store = await fresh();
        const full = user({
          loginIds: ['+16505551234', 'ada@example.com'],
          name: 'Ada Lovelace',
          givenName: 'Ada',
          middleName: 'King',
          familyName: 'Lovelace',
          email: 'ada@example.com',
          verifiedEmail: true,
          waBsuid: 'US.13491208655302741918',
          roleNames: ['admin'],
          userTenants: [{ tenantId: 'T1', tenantName: 'Acme EU', roleNames: ['viewer'] }],
          status: 'invited',
          customAttributes: { plan: 'pro', seats: 3, flags: { beta: true } },
          picture: 'https://example.com/ada.png',
          test: true,
          updatedAt: T0 + 5,
        });
        const bare = user({ loginIds: ['+447700900123'], phone: undefined, waId: undefined, verifiedPhone: false });
        delete bare.phone;
        delete bare.waId;
        await store.users.create(full);
        await store.users.create(bare);
        expect(await store.users.get(PROJECT, full.userId)).toEqual(full);
        const got = await store.users.get(PROJECT, bare.userId);
        expect(got).toEqual(bare);
        expect(got && 'phone' in got).toBe(false);
        expect(got && 'name' in got).toBe(false);
        expect(await store.users.get(PROJECT, 'U-missing')).toBeNull();
        expect(await store.users.get(OTHER_PROJECT, full.userId)).toBeNull();
      });

      it('users.getByLoginId finds the user by any of its login ids, per project', async () => {
        const store = await fresh();
        const u = user({ loginIds: ['+16505551234', 'ada@example.com'] });
        await store.users.create(u);
        expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(u.userId);
        expect((await store.users.getByLoginId(PROJECT, 'ada@example.com'))?.userId).toBe(u.userId);
        expect(await store.users.getByLoginId(PROJECT, '+16505559999')).toBeNull();
        expect(await store.users.getByLoginId(OTHER_PROJECT, '+16505551234')).toBeNull();
      });

      it('users.create: a taken login id throws LoginIdTakenError and writes nothing', async () => {
        const store = await fresh();
        const first = user({ loginIds: ['+16505551234'] });
        await store.users.create(first);
        const second = user({ loginIds: ['bob@example.com', '+16505551234'], email: 'bob@example.com' });
        const err = await store.users.create(second).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(LoginIdTakenError);
        expect((err as LoginIdTakenError).loginId).toBe('+16505551234');
        expect(await store.users.get(PROJECT, second.userId)).toBeNull();
        expect(await store.users.getByLoginId(PROJECT, 'bob@example.com')).toBeNull();
        expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(first.userId);
      });

      it('users.create: the same login id is free in another project', async () => {
        const store = await fresh();
        const a = user();
        const b = user({ projectId: OTHER_PROJECT });
        await store.users.create(a);
        await store.users.create(b);
        expect((await store.users.getByLoginId(OTHER_PROJECT, '+16505551234'))?.userId).toBe(b.userId);
        expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(a.userId);
      });

      it('users.create: of 20 racers for one login id exactly one wins, the rest get LoginIdTakenError', async () => {
        const store = await fresh();
        const results = await race(20, () =>
          store.users.create(user({ loginIds: ['+5511987654321'] })).then(
            () => 'ok',
            (e: unknown) => (e instanceof LoginIdTakenError ? 'taken' : `other: ${String(e)}`),
          ),
        );
        expect(results.filter((r) => r === 'ok')).toHaveLength(1);
        expect(results.filter((r) => r === 'taken')).toHaveLength(19);
        expect((await store.users.search(PROJECT, {})).total).toBe(1);
      });

      it('users.findByVerifiedPhone returns only users whose phone is verified, in that project', async () => {
        const store = await fresh();
        const verified = user({ loginIds: ['+16505551234'] });
        const unverified = user({ loginIds: ['carol@example.com'], verifiedPhone: false });
        const viaEmail = user({ loginIds: ['dan@example.com'], email: 'dan@example.com' });
        const elsewhere = user({ projectId: OTHER_PROJECT });
        for (const u of [verified, unverified, viaEmail, elsewhere]) await store.users.create(u);
        const found = await store.users.findByVerifiedPhone(PROJECT, '+16505551234');
        expect(found.map((u) => u.userId).sort()).toEqual([verified.userId, viaEmail.userId].sort());
        expect(await store.users.findByVerifiedPhone(PROJECT, '+16505550000')).toEqual([]);
      });

      it('users.update replaces the whole record and moves its login ids', async () => {
        const store = await fresh();
        const u = user({ loginIds: ['+16505551234'], name: 'Ada', customAttributes: { plan: 'free' } });
        await store.users.create(u);
        const changed: UserRecord = {
          ...u,
          loginIds: ['+447700900123', 'ada@example.com'],
          phone: '+447700900123',
          email: 'ada@example.com',
          status: 'disabled',
          customAttributes: { plan: 'pro' },
          updatedAt: T0 + MIN,
        };
        delete changed.name;
        expect(await store.users.update(changed)).toBe(true);
        expect(await store.users.get(PROJECT, u.userId)).toEqual(changed);
        expect(await store.users.getByLoginId(PROJECT, '+16505551234')).toBeNull();
        expect((await store.users.getByLoginId(PROJECT, 'ada@example.com'))?.userId).toBe(u.userId);
        // The freed login id can be taken by someone else now.
        await store.users.create(user({ loginIds: ['+16505551234'] }));
      });

      it('users.update: an unknown user → false, nothing written', async () => {
        const store = await fresh();
        const ghost = user();
        expect(await store.users.update(ghost)).toBe(false);
        expect(await store.users.get(PROJECT, ghost.userId)).toBeNull();
        expect(await store.users.getByLoginId(PROJECT, '+16505551234')).toBeNull();
      });

      it('users.update: a taken login id throws LoginIdTakenError and writes nothing', async () => {
        const store = await fresh();
        const a = user({ loginIds: ['+16505551234'] });
        const b = user({ loginIds: ['+16505550000'], phone: '+16505550000', name: 'Bob' });
        await store.users.create(a);
        await store.users.create(b);
        await expect(
          store.users.update({ ...b, name: 'Robert', loginIds: ['+16505550000', '+16505551234'] }),
        ).rejects.toBeInstanceOf(LoginIdTakenError);
        expect(await store.users.get(PROJECT, b.userId)).toEqual(b);
        expect((await store.users.getByLoginId(PROJECT, '+16505550000'))?.userId).toBe(b.userId);
        expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(a.userId);
      });

      it('users.delete removes the user, its login ids, sessions and login history; absent → false', async () => {
        const store = await fresh();
        const gone = user();
        const kept = user({ loginIds: ['+16505550000'] });
        await store.users.create(gone);
        await store.users.create(kept);
        for (const u of [gone, kept]) {
          await store.sessions.create(session({ userId: u.userId }));
          await store.loginHistory.add({
            projectId: PROJECT,
            userId: u.userId,
            loginTime: T0,
            ip: '203.0.113.7',
            city: 'Lisbon',
            country: 'PT',
          });
        }
        expect(await store.users.delete(PROJECT, gone.userId)).toBe(true);
        expect(await store.users.get(PROJECT, gone.userId)).toBeNull();
        expect(await store.users.getByLoginId(PROJECT, '+16505551234')).toBeNull();
        expect(await store.sessions.listForUser(PROJECT, gone.userId)).toEqual([]);
        expect(await store.loginHistory.list(PROJECT, gone.userId)).toEqual([]);
        expect(await store.sessions.listForUser(PROJECT, kept.userId)).toHaveLength(1);
        expect(await store.loginHistory.list(PROJECT, kept.userId)).toHaveLength(1);
        expect(await store.users.delete(PROJECT, gone.userId)).toBe(false);
        // Its login id is free again.
        await store.users.create(user({ loginIds: ['+16505551234'] }));
      });

      describe('users.search', () => {
        const people = (): UserRecord[] => [
          user({ loginIds: ['+16505551234'], name: 'Ada Lovelace', createdAt: T0 + 1, roleNames: ['admin'] }),
          user({
            loginIds: ['grace@example.com'],
            email: 'Grace@Example.com',
            phone: '+447700900123',
            name: 'Grace Hopper',
            createdAt: T0 + 2,
            userTenants: [{ tenantId: 'T-eu', roleNames: ['editor'] }],
          }),
          user({
            loginIds: ['+5511987654321'],
            phone: '+5511987654321',
            name: 'Ana 100% Real',
            status: 'disabled',
            createdAt: T0 + 3,
          }),
          user({
            loginIds: ['alan_t'],
            name: 'Alan Turing',
            phone: undefined,
            status: 'invited',
            createdAt: T0 + 4,
            userTenants: [{ tenantId: 'T-us', roleNames: [] }],
          }),
          user({
            loginIds: ['+16505550000'],
            phone: '+16505550000',
            name: 'Test Robot',
            test: true,
            createdAt: T0 + 5,
          }),
          user({ projectId: OTHER_PROJECT, loginIds: ['+16505551234'], name: 'Ada Elsewhere' }),
        ];
        const names = (r: { users: UserRecord[] }) => r.users.map((u) => u.name);

        it.each([
          [
            'no filter: every non-test user of the project, oldest first',
            {},
            ['Ada Lovelace', 'Grace Hopper', 'Ana 100% Real', 'Alan Turing'],
          ],
          ['text matches name, case-insensitively', { text: 'hopper' }, ['Grace Hopper']],
          ['text matches email', { text: 'grace@EXAMPLE' }, ['Grace Hopper']],
          ['text matches phone', { text: '7700900' }, ['Grace Hopper']],
          ['text matches a login id', { text: 'ALAN_' }, ['Alan Turing']],
          ['text treats % and _ literally', { text: '100%' }, ['Ana 100% Real']],
          ['text with _ is not a wildcard', { text: 'a_a' }, []],
          ['statuses', { statuses: ['disabled', 'invited'] }, ['Ana 100% Real', 'Alan Turing']],
          ['loginIds, exactly', { loginIds: ['+16505551234', 'alan_t', '+1650555'] }, ['Ada Lovelace', 'Alan Turing']],
          ['tenantIds', { tenantIds: ['T-eu'] }, ['Grace Hopper']],
          [
            'roleNames: project roles and tenant roles',
            { roleNames: ['admin', 'editor'] },
            ['Ada Lovelace', 'Grace Hopper'],
          ],
          ['withTestUsers includes test users', { withTestUsers: true, text: 'robot' }, ['Test Robot']],
          ['test users are left out by default', { text: 'robot' }, []],
          [
            'empty filter lists mean no filter',
            { statuses: [], loginIds: [], tenantIds: [], roleNames: [] },
            ['Ada Lovelace', 'Grace Hopper', 'Ana 100% Real', 'Alan Turing'],
          ],
          ['filters combine with AND', { text: 'a', statuses: ['enabled'] }, ['Ada Lovelace', 'Grace Hopper']],
        ] as const)('users.search: %s', async (_name, query, expected) => {
          const store = await fresh();
          for (const u of people()) await store.users.create(u);
          const result = await store.users.search(PROJECT, {
            ...query,
            statuses: 'statuses' in query ? [...query.statuses] : undefined,
            loginIds: 'loginIds' in query ? [...query.loginIds] : undefined,
            tenantIds: 'tenantIds' in query ? [...query.tenantIds] : undefined,
            roleNames: 'roleNames' in query ? [...query.roleNames] : undefined,
          });
          expect(names(result)).toEqual(expected);
          expect(result.total).toBe(expected.length);
        });

        it('users.search: paging returns the page and the total of all matches', async () => {
          const store = await fresh();
          for (let i = 0; i < 7; i++) {
            await store.users.create(
              user({ loginIds: [`+1650555${String(1000 + i)}`], name: `User ${i}`, createdAt: T0 + i }),
            );
          }
          const page1 = await store.users.search(PROJECT, { limit: 3, page: 1 });
          expect(names(page1)).toEqual(['User 3', 'User 4', 'User 5']);
          expect(page1.total).toBe(7);
          const last = await store.users.search(PROJECT, { limit: 3, page: 2 });
          expect(names(last)).toEqual(['User 6']);
          expect((await store.users.search(PROJECT, { limit: 3, page: 5 })).users).toEqual([]);
        });

        it('users.search: the page size defaults to 100 (also for limit 0) and is capped at 1000', async () => {
          const store = await fresh();
          for (let i = 0; i < 1005; i++) {
            await store.users.create(user({ loginIds: [`+4477009${String(10000 + i)}`], createdAt: T0 + i }));
          }
          const byDefault = await store.users.search(PROJECT, {});
          expect(byDefault.users).toHaveLength(100);
          expect(byDefault.total).toBe(1005);
          expect((await store.users.search(PROJECT, { limit: 0 })).users).toHaveLength(100);
          expect((await store.users.search(PROJECT, { limit: 5000 })).users).toHaveLength(1000);
          expect((await store.users.search(PROJECT, { limit: 5000, page: 1 })).users).toHaveLength(5);
        });
      });
    });

    describe('pendingAuths', () => {
      it('pendingAuths.create then get, getByRefHash and getByCodeHash return the record; unknown → null', async () => {
        const store = await fresh();
        const p = pending({
          kind: 'signup',
          request: {
            loginId: 'ada@example.com',
            loginIdKind: 'email',
            user: { name: 'Ada Lovelace', phone: '+16505551234' },
            customClaims: { plan: 'pro', n: 1 },
            customClaimsTrusted: true,
            templateOptions: { greeting: 'Hi' },
            stepup: false,
            userAgent: 'Mozilla/5.0',
          },
          userId: 'U2aaaaaaaaaaaaaaaaaaaaaaaaaaa',
          parentSessionId: 'jti_parent',
        });
        await store.pendingAuths.create(p);
        expect(await store.pendingAuths.get(p.id)).toEqual(p);
        expect(await store.pendingAuths.getByRefHash(p.refHash)).toEqual(p);
        expect(await store.pendingAuths.getByCodeHash(p.codeHash)).toEqual(p);
        expect(await store.pendingAuths.get('pa_missing')).toBeNull();
        expect(await store.pendingAuths.getByRefHash(secretHash())).toBeNull();
        expect(await store.pendingAuths.getByCodeHash(secretHash())).toBeNull();
      });

      it('pendingAuths.create: a reused refHash or codeHash is rejected', async () => {
        const store = await fresh();
        const p = pending();
        await store.pendingAuths.create(p);
        await expect(store.pendingAuths.create(pending({ refHash: p.refHash }))).rejects.toThrow();
        await expect(store.pendingAuths.create(pending({ codeHash: p.codeHash }))).rejects.toThrow();
      });

      it('pendingAuths.verify: ok sets status, sender, result and verifiedAt, and records the message key', async () => {
        const store = await fresh();
        const p = pending();
        await store.pendingAuths.create(p);
        const v = verification(p, {
          senderBsuid: 'US.1349',
          resultUserId: 'U2bbbbbbbbbbbbbbbbbbbbbbbbbbb',
          firstSeen: true,
        });
        expect(await store.pendingAuths.verify(v)).toBe('ok');
        expect(await store.pendingAuths.get(p.id)).toEqual({
          ...p,
          status: 'verified',
          senderPhone: '+16505551234',
          senderWaId: '16505551234',
          senderBsuid: 'US.1349',
          resultUserId: 'U2bbbbbbbbbbbbbbbbbbbbbbbbbbb',
          firstSeen: true,
          verifiedAt: v.now,
        });
        expect(await store.webhookMessages.record(v.messageKey, v.now)).toBe(false);
      });

      it('pendingAuths.verify: a duplicate message key returns duplicate-message and changes nothing', async () => {
        const store = await fresh();
        const p = pending();
        await store.pendingAuths.create(p);
        const key = 'cloud-api:wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRCNUE';
        expect(await store.webhookMessages.record(key, T0)).toBe(true);
        const newcomer = user();
        const result = await store.pendingAuths.verify(
          verification(p, { messageKey: key, createUser: newcomer, resultUserId: newcomer.userId }),
        );
        expect(result).toBe('duplicate-message');
        expect(await store.pendingAuths.get(p.id)).toEqual(p);
        expect(await store.users.get(PROJECT, newcomer.userId)).toBeNull();
      });

      it('pendingAuths.verify: the same message delivered twice verifies once', async () => {
        const store = await fresh();
        const p = pending();
        await store.pendingAuths.create(p);
        const v = verification(p);
        expect(await store.pendingAuths.verify(v)).toBe('ok');
        expect(await store.pendingAuths.verify({ ...v, now: v.now + 1000 })).toBe('duplicate-message');
        expect((await store.pendingAuths.get(p.id))?.verifiedAt).toBe(v.now);
      });

      it.each([
        ['expired (now past expiresAt)', { expiresAt: T0 + 30_000 }],
        ['expired (now exactly at expiresAt)', { expiresAt: T0 + MIN }],
        ['already verified', { status: 'verified' as const, verifiedAt: T0 }],
        ['failed', { status: 'failed' as const, failureCode: 'E900001' }],
        ['consumed', { status: 'consumed' as const, verifiedAt: T0, consumedAt: T0 }],
      ])('pendingAuths.verify: %s → not-pending, the pending auth unchanged', async (_name, state) => {
        const store = await fresh();
        const p = pending(state);
        await store.pendingAuths.create(p);
        const newcomer = user();
        expect(await store.pendingAuths.verify(verification(p, { now: T0 + MIN, createUser: newcomer }))).toBe(
          'not-pending',
        );
        expect(await store.pendingAuths.get(p.id)).toEqual(p);
        expect(await store.users.get(PROJECT, newcomer.userId)).toBeNull();
      });

      it('pendingAuths.verify: an unknown pending id → not-pending', async () => {
        const store = await fresh();
        expect(await store.pendingAuths.verify(verification(pending()))).toBe('not-pending');
      });

      it('pendingAuths.verify: not-pending keeps the message key, so a redelivery is a duplicate', async () => {
        const store = await fresh();
        const p = pending({ expiresAt: T0 });
        await store.pendingAuths.create(p);
        const v = verification(p);
        expect(await store.pendingAuths.verify(v)).toBe('not-pending');
        expect(await store.pendingAuths.verify(v)).toBe('duplicate-message');
      });

      it('pendingAuths.verify: createUser inserts the user in the same transaction', async () => {
        const store = await fresh();
        const p = pending({ kind: 'signup' });
        await store.pendingAuths.create(p);
        const newcomer = user({ name: 'Ada Lovelace' });
        expect(
          await store.pendingAuths.verify(
            verification(p, { createUser: newcomer, resultUserId: newcomer.userId, firstSeen: true }),
          ),
        ).toBe('ok');
        expect(await store.users.getByLoginId(PROJECT, '+16505551234')).toEqual(newcomer);
        expect((await store.pendingAuths.get(p.id))?.resultUserId).toBe(newcomer.userId);
      });

      it('pendingAuths.verify: a taken login id → login-id-taken and nothing written (not even the message key)', async () => {
        const store = await fresh();
        const existing = user();
        await store.users.create(existing);
        const p = pending({ kind: 'signup' });
        await store.pendingAuths.create(p);
        const newcomer = user({ loginIds: ['+16505551234'] });
        const v = verification(p, { createUser: newcomer, resultUserId: newcomer.userId, firstSeen: true });
        expect(await store.pendingAuths.verify(v)).toBe('login-id-taken');
        expect(await store.pendingAuths.get(p.id)).toEqual(p);
        expect(await store.users.get(PROJECT, newcomer.userId)).toBeNull();
        // The caller can now record the failure under the same message key.
        expect(
          await store.pendingAuths.verify({
            ...v,
            createUser: undefined,
            resultUserId: undefined,
            status: 'failed',
            failureCode: 'E062107',
          }),
        ).toBe('ok');
        const failed = await store.pendingAuths.get(p.id);
        expect(failed?.status).toBe('failed');
        expect(failed?.failureCode).toBe('E062107');
        expect(failed?.verifiedAt).toBeNull();
      });

      it('pendingAuths.verify: updateUser replaces the user in the same transaction; a taken login id rolls it all back', async () => {
        const store = await fresh();
        const u = user({
          loginIds: ['ada@example.com'],
          email: 'ada@example.com',
          phone: undefined,
          verifiedPhone: false,
        });
        const other = user({ loginIds: ['+447700900123'] });
        await store.users.create(u);
        await store.users.create(other);
        const p1 = pending({ kind: 'update', userId: u.userId });
        const p2 = pending({ kind: 'update', userId: u.userId });
        await store.pendingAuths.create(p1);
        await store.pendingAuths.create(p2);

        const clash = {
          ...u,
          loginIds: ['ada@example.com', '+447700900123'],
          phone: '+447700900123',
          verifiedPhone: true,
        };
        expect(await store.pendingAuths.verify(verification(p2, { updateUser: clash, resultUserId: u.userId }))).toBe(
          'login-id-taken',
        );
        expect(await store.users.get(PROJECT, u.userId)).toEqual(u);
        expect((await store.pendingAuths.get(p2.id))?.status).toBe('pending');

        const updated = {
          ...u,
          loginIds: ['ada@example.com', '+16505551234'],
          phone: '+16505551234',
          verifiedPhone: true,
          updatedAt: T0 + MIN,
        };
        expect(await store.pendingAuths.verify(verification(p1, { updateUser: updated, resultUserId: u.userId }))).toBe(
          'ok',
        );
        expect(await store.users.get(PROJECT, u.userId)).toEqual(updated);
        expect((await store.users.getByLoginId(PROJECT, '+16505551234'))?.userId).toBe(u.userId);
      });

      it('pendingAuths.verify: awaiting-confirmation then verified by a second message keeps the first step fields', async () => {
        const store = await fresh();
        const p = pending();
        await store.pendingAuths.create(p);
        const nonceHash = secretHash();
        const first = verification(p, {
          status: 'awaiting-confirmation',
          confirmNonceHash: nonceHash,
          resultUserId: 'U2ccccccccccccccccccccccccccc',
          firstSeen: false,
        });
        expect(await store.pendingAuths.verify(first)).toBe('ok');
        const waiting = await store.pendingAuths.get(p.id);
        expect(waiting?.status).toBe('awaiting-confirmation');
        expect(waiting?.confirmNonceHash).toBe(nonceHash);
        expect(waiting?.verifiedAt).toBeNull();

        const second = verification(p, { now: T0 + 2 * MIN });
        expect(await store.pendingAuths.verify(second)).toBe('ok');
        const done = await store.pendingAuths.get(p.id);
        expect(done).toMatchObject({
          status: 'verified',
          confirmNonceHash: nonceHash,
          resultUserId: 'U2ccccccccccccccccccccccccccc',
          senderPhone: '+16505551234',
          verifiedAt: T0 + 2 * MIN,
        });
      });

      it('pendingAuths.verify: failed records the failure code', async () => {
        const store = await fresh();
        const p = pending();
        await store.pendingAuths.create(p);
        const v = verification(p, {
          status: 'failed',
          failureCode: 'E900404',
          senderPhone: '+447700900123',
          senderWaId: '447700900123',
        });
        expect(await store.pendingAuths.verify(v)).toBe('ok');
        expect(await store.pendingAuths.get(p.id)).toMatchObject({
          status: 'failed',
          failureCode: 'E900404',
          senderPhone: '+447700900123',
          verifiedAt: null,
        });
      });

      it('pendingAuths.verify: exactly one of 20 racers (different messages, one code) gets ok', async () => {
        const store = await fresh();
        const p = pending({ kind: 'signup' });
        await store.pendingAuths.create(p);
        const results = await race(20, (i) => {
          const newcomer = user({ loginIds: [`+1650555${String(2000 + i)}`] });
          return store.pendingAuths.verify(verification(p, { createUser: newcomer, resultUserId: newcomer.userId }));
        });
        expect(results.filter((r) => r === 'ok')).toHaveLength(1);
        expect(results.filter((r) => r === 'not-pending')).toHaveLength(19);
        expect((await store.users.search(PROJECT, {})).total).toBe(1);
      });

      it('pendingAuths.consume: a verified pending auth is returned once, as consumed', async () => {
        const store = await fresh();
        const p = pending();
        await store.pendingAuths.create(p);
        await store.pendingAuths.verify(verification(p, { resultUserId: 'U2ddddddddddddddddddddddddddd' }));
        const got = await store.pendingAuths.consume(p.refHash, T0 + 2 * MIN);
        expect(got).toMatchObject({
          id: p.id,
          status: 'consumed',
          consumedAt: T0 + 2 * MIN,
          resultUserId: 'U2ddddddddddddddddddddddddddd',
          verifiedAt: T0 + MIN,
        });
        expect(got?.request).toEqual(p.request);
        expect(await store.pendingAuths.consume(p.refHash, T0 + 2 * MIN)).toBeNull();
        expect((await store.pendingAuths.get(p.id))?.status).toBe('consumed');
      });

      it('pendingAuths.release undoes exactly that consume: verified again, consumable once more; else false', async () => {
        const store = await fresh();
        const p = pending();
        await store.pendingAuths.create(p);
        await store.pendingAuths.verify(verification(p, { resultUserId: 'U2ddddddddddddddddddddddddddd' }));
        expect(await store.pendingAuths.release(p.refHash, T0 + 2 * MIN)).toBe(false); // not consumed yet
        await store.pendingAuths.consume(p.refHash, T0 + 2 * MIN);
        expect(await store.pendingAuths.release(p.refHash, T0 + 3 * MIN)).toBe(false); // another consume's time
        expect(await store.pendingAuths.release(secretHash(), T0 + 2 * MIN)).toBe(false);
        expect(await store.pendingAuths.release(p.refHash, T0 + 2 * MIN)).toBe(true);
        expect(await store.pendingAuths.get(p.id)).toMatchObject({ status: 'verified', consumedAt: null });
        expect(await store.pendingAuths.release(p.refHash, T0 + 2 * MIN)).toBe(false);
        expect((await store.pendingAuths.consume(p.refHash, T0 + 4 * MIN))?.consumedAt).toBe(T0 + 4 * MIN);
      });

      it.each([
        ['still pending', {}, T0 + MIN],
        ['awaiting confirmation', { status: 'awaiting-confirmation' as const }, T0 + MIN],
        ['failed', { status: 'failed' as const, failureCode: 'E900404' }, T0 + MIN],
        ['verified but expired', { status: 'verified' as const, verifiedAt: T0 }, T0 + 10 * MIN],
      ])('pendingAuths.consume: %s → null, unchanged', async (_name, state, now) => {
        const store = await fresh();
        const p = pending(state);
        await store.pendingAuths.create(p);
        expect(await store.pendingAuths.consume(p.refHash, now)).toBeNull();
        expect(await store.pendingAuths.get(p.id)).toEqual(p);
      });

      it('pendingAuths.consume: an unknown ref → null', async () => {
        const store = await fresh();
        expect(await store.pendingAuths.consume(secretHash(), T0)).toBeNull();
      });

      it('pendingAuths.consume: exactly one of 20 racers gets the row', async () => {
        const store = await fresh();
        const p = pending({ status: 'verified', verifiedAt: T0, resultUserId: 'U2eeeeeeeeeeeeeeeeeeeeeeeeeee' });
        await store.pendingAuths.create(p);
        const results = await race(20, () => store.pendingAuths.consume(p.refHash, T0 + MIN));
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]?.id).toBe(p.id);
      });

      it('pendingAuths.deleteExpired deletes only those that expired before the cut-off', async () => {
        const store = await fresh();
        const old = pending({ expiresAt: T0 - MIN });
        const edge = pending({ expiresAt: T0 });
        const live = pending({ expiresAt: T0 + MIN });
        for (const p of [old, edge, live]) await store.pendingAuths.create(p);
        expect(await store.pendingAuths.deleteExpired(T0)).toBe(1);
        expect(await store.pendingAuths.get(old.id)).toBeNull();
        expect(await store.pendingAuths.get(edge.id)).toEqual(edge);
        expect(await store.pendingAuths.get(live.id)).toEqual(live);
        expect(await store.pendingAuths.deleteExpired(T0)).toBe(0);
      });
    });

    describe('webhookMessages', () => {
      it('webhookMessages.record: true the first time, false for a duplicate delivery', async () => {
        const store = await fresh();
        expect(await store.webhookMessages.record('cloud-api:wamid.A1', T0)).toBe(true);
        expect(await store.webhookMessages.record('cloud-api:wamid.A1', T0 + 1)).toBe(false);
        expect(await store.webhookMessages.record('twilio:SM0123456789abcdef', T0)).toBe(true);
      });

      it('webhookMessages.record: of 20 racers for one key exactly one gets true', async () => {
        const store = await fresh();
        const results = await race(20, () => store.webhookMessages.record('cloud-api:wamid.RACE', T0));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('webhookMessages.deleteOlderThan forgets only older keys', async () => {
        const store = await fresh();
        await store.webhookMessages.record('cloud-api:wamid.old', T0 - 8 * DAY);
        await store.webhookMessages.record('cloud-api:wamid.new', T0);
        expect(await store.webhookMessages.deleteOlderThan(T0 - 7 * DAY)).toBe(1);
        expect(await store.webhookMessages.record('cloud-api:wamid.old', T0)).toBe(true);
        expect(await store.webhookMessages.record('cloud-api:wamid.new', T0)).toBe(false);
      });
    });

    describe('sessions', () => {
      it('sessions.create/get round-trips the record; unknown → null', async () => {
        const store = await fresh();
        const s = session({
          tenantId: 'T-eu',
          customClaims: { plan: 'pro' },
          amr: ['whatsapp', 'mfa'],
          ip: '203.0.113.7',
          userAgent: 'Mozilla/5.0',
        });
        const bare = session();
        await store.sessions.create(s);
        await store.sessions.create(bare);
        expect(await store.sessions.get(s.id)).toEqual(s);
        const got = await store.sessions.get(bare.id);
        expect(got).toEqual(bare);
        expect(got && 'ip' in got).toBe(false);
        expect(await store.sessions.get('jti_missing')).toBeNull();
      });

      it('sessions: customClaimsTrusted round-trips both ways, also through rotate', async () => {
        const store = await fresh();
        const trusted = session({ customClaims: { plan: 'pro' }, customClaimsTrusted: true });
        const untrusted = session({ customClaims: { plan: 'pro' }, customClaimsTrusted: false });
        await store.sessions.create(trusted);
        await store.sessions.create(untrusted);
        expect((await store.sessions.get(trusted.id))?.customClaimsTrusted).toBe(true);
        expect((await store.sessions.get(untrusted.id))?.customClaimsTrusted).toBe(false);
        const next = session({ familyId: trusted.familyId, customClaims: { plan: 'pro' }, customClaimsTrusted: true });
        expect(await store.sessions.rotate(trusted.id, next, T0 + MIN)).toBe(true);
        expect(await store.sessions.get(next.id)).toEqual(next);
      });

      it('sessions.revoke marks it revoked once (idempotent); unknown → false', async () => {
        const store = await fresh();
        const s = session();
        await store.sessions.create(s);
        expect(await store.sessions.revoke(s.id, T0 + MIN)).toBe(true);
        expect(await store.sessions.revoke(s.id, T0 + 2 * MIN)).toBe(true);
        expect((await store.sessions.get(s.id))?.revokedAt).toBe(T0 + MIN);
        expect(await store.sessions.revoke('jti_missing', T0)).toBe(false);
      });

      it('sessions.revokeAllForUser revokes only that user’s live sessions and counts them', async () => {
        const store = await fresh();
        const userId = 'U2fffffffffffffffffffffffffff';
        const live1 = session({ userId });
        const live2 = session({ userId, createdAt: T0 + 1 });
        const expired = session({ userId, expiresAt: T0 });
        const revoked = session({ userId, revokedAt: T0 - MIN });
        const someoneElse = session();
        const otherProject = session({ userId, projectId: OTHER_PROJECT });
        for (const s of [live1, live2, expired, revoked, someoneElse, otherProject]) await store.sessions.create(s);
        expect(await store.sessions.revokeAllForUser(PROJECT, userId, T0 + MIN)).toBe(2);
        expect((await store.sessions.get(live1.id))?.revokedAt).toBe(T0 + MIN);
        expect((await store.sessions.get(live2.id))?.revokedAt).toBe(T0 + MIN);
        expect((await store.sessions.get(revoked.id))?.revokedAt).toBe(T0 - MIN);
        expect((await store.sessions.get(someoneElse.id))?.revokedAt).toBeNull();
        expect((await store.sessions.get(otherProject.id))?.revokedAt).toBeNull();
      });

      it('sessions.revokeFamily revokes every unrevoked session of the family', async () => {
        const store = await fresh();
        const a = session();
        const b = session({ familyId: a.familyId, rotatedAt: null });
        const c = session({ familyId: a.familyId, revokedAt: T0 - 1 });
        const stranger = session();
        for (const s of [a, b, c, stranger]) await store.sessions.create(s);
        expect(await store.sessions.revokeFamily(a.familyId, T0 + MIN)).toBe(2);
        expect((await store.sessions.get(a.id))?.revokedAt).toBe(T0 + MIN);
        expect((await store.sessions.get(b.id))?.revokedAt).toBe(T0 + MIN);
        expect((await store.sessions.get(c.id))?.revokedAt).toBe(T0 - 1);
        expect((await store.sessions.get(stranger.id))?.revokedAt).toBeNull();
      });

      it('sessions.rotate marks the old one rotated and inserts the next', async () => {
        const store = await fresh();
        const old = session();
        await store.sessions.create(old);
        const next = session({ familyId: old.familyId, createdAt: T0 + MIN });
        expect(await store.sessions.rotate(old.id, next, T0 + MIN)).toBe(true);
        expect((await store.sessions.get(old.id))?.rotatedAt).toBe(T0 + MIN);
        expect(await store.sessions.get(next.id)).toEqual(next);
      });

      it('sessions.rotate: a rotated-out id cannot rotate again', async () => {
        const store = await fresh();
        const old = session();
        await store.sessions.create(old);
        expect(await store.sessions.rotate(old.id, session({ familyId: old.familyId }), T0 + MIN)).toBe(true);
        const replay = session({ familyId: old.familyId });
        expect(await store.sessions.rotate(old.id, replay, T0 + 2 * MIN)).toBe(false);
        expect(await store.sessions.get(replay.id)).toBeNull();
        expect((await store.sessions.get(old.id))?.rotatedAt).toBe(T0 + MIN);
      });

      it.each([
        ['revoked', { revokedAt: T0 }],
        ['expired', { expiresAt: T0 + MIN }],
      ])('sessions.rotate: a %s session → false, nothing written', async (_name, state) => {
        const store = await fresh();
        const old = session(state);
        await store.sessions.create(old);
        const next = session({ familyId: old.familyId });
        expect(await store.sessions.rotate(old.id, next, T0 + MIN)).toBe(false);
        expect(await store.sessions.get(next.id)).toBeNull();
        expect(await store.sessions.get(old.id)).toEqual(old);
      });

      it('sessions.rotate: an unknown id → false, nothing written', async () => {
        const store = await fresh();
        const next = session();
        expect(await store.sessions.rotate('jti_missing', next, T0)).toBe(false);
        expect(await store.sessions.get(next.id)).toBeNull();
      });

      it('sessions.rotate: exactly one of 20 racers rotates', async () => {
        const store = await fresh();
        const old = session();
        await store.sessions.create(old);
        const nexts = Array.from({ length: 20 }, () => session({ familyId: old.familyId }));
        const results = await race(20, (i) => store.sessions.rotate(old.id, nexts[i]!, T0 + MIN));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.sessions.listForUser(PROJECT, old.userId)).toHaveLength(2);
      });

      it('sessions.listForUser returns that user’s sessions, newest first', async () => {
        const store = await fresh();
        const userId = 'U2ggggggggggggggggggggggggggg';
        const older = session({ userId, createdAt: T0 });
        const newer = session({ userId, createdAt: T0 + MIN });
        await store.sessions.create(older);
        await store.sessions.create(newer);
        await store.sessions.create(session());
        expect((await store.sessions.listForUser(PROJECT, userId)).map((s) => s.id)).toEqual([newer.id, older.id]);
        expect(await store.sessions.listForUser(OTHER_PROJECT, userId)).toEqual([]);
      });

      it('sessions.deleteExpired deletes only those that expired before the cut-off', async () => {
        const store = await fresh();
        const old = session({ expiresAt: T0 - 1 });
        const live = session({ expiresAt: T0 });
        await store.sessions.create(old);
        await store.sessions.create(live);
        expect(await store.sessions.deleteExpired(T0)).toBe(1);
        expect(await store.sessions.get(old.id)).toBeNull();
        expect(await store.sessions.get(live.id)).toEqual(live);
      });
    });

    describe('keys', () => {
      it('keys.create then getActive and listPublished return it; none → null and []', async () => {
        const store = await fresh();
        expect(await store.keys.getActive(PROJECT)).toBeNull();
        expect(await store.keys.listPublished(PROJECT)).toEqual([]);
        const k = signingKey();
        await store.keys.create(k);
        expect(await store.keys.getActive(PROJECT)).toEqual(k);
        expect(await store.keys.listPublished(PROJECT)).toEqual([k]);
        expect(await store.keys.getActive(OTHER_PROJECT)).toBeNull();
      });

      it('keys.create: a second active key for one project is rejected', async () => {
        const store = await fresh();
        const k = signingKey();
        await store.keys.create(k);
        await expect(store.keys.create(signingKey())).rejects.toThrow();
        expect(await store.keys.listPublished(PROJECT)).toEqual([k]);
        await store.keys.create(signingKey({ projectId: OTHER_PROJECT }));
      });

      it('keys.rotate keeps the old key published as verify-only', async () => {
        const store = await fresh();
        const old = signingKey();
        await store.keys.create(old);
        const next = signingKey({ createdAt: T0 + DAY, alg: 'RS256', status: 'verify-only' });
        const retireAfter = T0 + DAY + 10 * MIN;
        await store.keys.rotate(PROJECT, next, retireAfter);
        expect(await store.keys.getActive(PROJECT)).toEqual({ ...next, status: 'active' });
        expect(await store.keys.listPublished(PROJECT)).toEqual([
          { ...next, status: 'active' },
          { ...old, status: 'verify-only', retireAfter },
        ]);
      });

      it('keys.rotate with no active key inserts the next one as active', async () => {
        const store = await fresh();
        const next = signingKey();
        await store.keys.rotate(PROJECT, next, T0);
        expect(await store.keys.getActive(PROJECT)).toEqual(next);
      });

      it('keys.retireDue retires verify-only keys whose retireAfter passed; they leave the JWKS', async () => {
        const store = await fresh();
        const first = signingKey({ createdAt: T0 });
        await store.keys.create(first);
        const second = signingKey({ createdAt: T0 + DAY });
        await store.keys.rotate(PROJECT, second, T0 + DAY + 10 * MIN);
        const third = signingKey({ createdAt: T0 + 2 * DAY });
        await store.keys.rotate(PROJECT, third, T0 + 2 * DAY + 10 * MIN);
        expect(await store.keys.retireDue(T0 + DAY)).toBe(0);
        expect(await store.keys.retireDue(T0 + DAY + 10 * MIN)).toBe(1);
        expect((await store.keys.listPublished(PROJECT)).map((k) => [k.kid, k.status])).toEqual([
          [third.kid, 'active'],
          [second.kid, 'verify-only'],
        ]);
        expect(await store.keys.retireDue(T0 + 3 * DAY)).toBe(1);
        expect((await store.keys.listPublished(PROJECT)).map((k) => k.kid)).toEqual([third.kid]);
      });
    });

    describe('loginHistory', () => {
      it('loginHistory.list returns the user’s logins newest first', async () => {
        const store = await fresh();
        const userId = 'U2hhhhhhhhhhhhhhhhhhhhhhhhhhh';
        const entries = [0, 2, 1].map((i) => ({
          projectId: PROJECT,
          userId,
          loginTime: T0 + i * MIN,
          ip: `203.0.113.${i}`,
          city: 'Lisbon',
          country: 'PT',
        }));
        for (const e of entries) await store.loginHistory.add(e);
        await store.loginHistory.add({
          projectId: PROJECT,
          userId: 'U-other',
          loginTime: T0,
          ip: '198.51.100.1',
          city: '',
          country: '',
        });
        expect((await store.loginHistory.list(PROJECT, userId)).map((e) => e.ip)).toEqual([
          '203.0.113.2',
          '203.0.113.1',
          '203.0.113.0',
        ]);
        expect(await store.loginHistory.list(PROJECT, userId, 1)).toEqual([entries[1]]);
        expect(await store.loginHistory.list(OTHER_PROJECT, userId)).toEqual([]);
      });

      it('loginHistory.list returns at most 50 by default', async () => {
        const store = await fresh();
        for (let i = 0; i < 55; i++) {
          await store.loginHistory.add({
            projectId: PROJECT,
            userId: 'U2iiiiiiiiiiiiiiiiiiiiiiiiiii',
            loginTime: T0 + i,
            ip: '203.0.113.7',
            city: '',
            country: '',
          });
        }
        const list = await store.loginHistory.list(PROJECT, 'U2iiiiiiiiiiiiiiiiiiiiiiiiiii');
        expect(list).toHaveLength(50);
        expect(list[0]?.loginTime).toBe(T0 + 54);
      });

      const login = (userId: string, loginTime: number, projectId = PROJECT) => ({
        projectId,
        userId,
        loginTime,
        ip: '203.0.113.7',
        city: '',
        country: '',
      });

      it('loginHistory.deleteOlderThan deletes only logins before the cut-off, in every project; nothing to delete → 0', async () => {
        const store = await fresh();
        const cutoff = T0 - 365 * DAY;
        expect(await store.loginHistory.deleteOlderThan(cutoff, 100)).toBe(0); // empty table
        const a = 'U2retainaaaaaaaaaaaaaaaaaaaaa';
        const b = 'U2retainbbbbbbbbbbbbbbbbbbbbb';
        for (const t of [T0 - DAY, T0 - 400 * DAY, T0, cutoff, T0 - 366 * DAY])
          await store.loginHistory.add(login(a, t));
        await store.loginHistory.add(login(b, T0 - 500 * DAY, OTHER_PROJECT));
        await store.loginHistory.add(login(b, T0, OTHER_PROJECT));
        expect(await store.loginHistory.deleteOlderThan(cutoff, 100)).toBe(3);
        // A login exactly at the cut-off is not older than it: it stays.
        expect((await store.loginHistory.list(PROJECT, a)).map((e) => e.loginTime)).toEqual([T0, T0 - DAY, cutoff]);
        expect((await store.loginHistory.list(OTHER_PROJECT, b)).map((e) => e.loginTime)).toEqual([T0]);
        expect(await store.loginHistory.deleteOlderThan(cutoff, 100)).toBe(0); // only recent rows left
      });

      it('loginHistory.deleteOlderThan deletes at most limit, oldest first; the rest goes in the next call', async () => {
        const store = await fresh();
        const userId = 'U2retainccccccccccccccccccccc';
        // Added out of time order, so "oldest first" cannot be mistaken for "first added".
        for (const i of [3, 0, 4, 1, 2]) await store.loginHistory.add(login(userId, T0 - 10 * DAY + i * MIN));
        await store.loginHistory.add(login(userId, T0));
        const cutoff = T0 - DAY;
        const times = async () => (await store.loginHistory.list(PROJECT, userId)).map((e) => e.loginTime);
        expect(await store.loginHistory.deleteOlderThan(cutoff, 0)).toBe(0);
        expect(await store.loginHistory.deleteOlderThan(cutoff, -1)).toBe(0); // never "no limit"
        expect(await store.loginHistory.deleteOlderThan(cutoff, 2)).toBe(2);
        expect(await times()).toEqual([T0, T0 - 10 * DAY + 4 * MIN, T0 - 10 * DAY + 3 * MIN, T0 - 10 * DAY + 2 * MIN]);
        expect(await store.loginHistory.deleteOlderThan(cutoff, 2)).toBe(2);
        expect(await times()).toEqual([T0, T0 - 10 * DAY + 4 * MIN]);
        expect(await store.loginHistory.deleteOlderThan(cutoff, 2)).toBe(1);
        expect(await store.loginHistory.deleteOlderThan(cutoff, 2)).toBe(0);
        expect(await times()).toEqual([T0]);
      });
    });

    describe('audit', () => {
      const event = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
        projectId: PROJECT,
        type: 'signin',
        at: T0,
        userId: 'U2audit000000000000000000001',
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
        reason: null,
        detail: '',
        ...overrides,
      });

      it('audit.append/query round-trips every field, oldest first, with increasing ids', async () => {
        const store = await fresh();
        const a = event({ type: 'signup', at: T0 });
        const b = event({ type: 'login-failed', at: T0 + MIN, reason: 'E902004', userId: null, ip: '', userAgent: '' });
        const c = event({ type: 'management', at: T0 + 2 * MIN, detail: 'POST /v1/mgmt/user/create' });
        for (const e of [a, b, c]) await store.audit.append(e);
        const got = await store.audit.query(PROJECT, {});
        expect(got.map(({ id: _id, ...rest }) => rest)).toEqual([a, b, c]);
        const ids = got.map((r) => r.id);
        expect(ids).toEqual([...ids].sort((x, y) => x - y));
        expect(new Set(ids).size).toBe(3);
      });

      it('audit.query filters by user, type and time, and never crosses projects', async () => {
        const store = await fresh();
        await store.audit.append(event({ userId: 'U-a', type: 'signin', at: T0 }));
        await store.audit.append(event({ userId: 'U-b', type: 'signin', at: T0 + MIN }));
        await store.audit.append(event({ userId: 'U-a', type: 'refresh', at: T0 + 2 * MIN }));
        await store.audit.append(event({ projectId: OTHER_PROJECT, userId: 'U-a', type: 'signin', at: T0 + 3 * MIN }));
        const pick = async (q: Parameters<Store['audit']['query']>[1]) =>
          (await store.audit.query(PROJECT, q)).map((r) => `${r.userId}/${r.type}`);
        expect(await pick({ userId: 'U-a' })).toEqual(['U-a/signin', 'U-a/refresh']);
        expect(await pick({ type: 'signin' })).toEqual(['U-a/signin', 'U-b/signin']);
        expect(await pick({ userId: 'U-a', type: 'refresh' })).toEqual(['U-a/refresh']);
        expect(await pick({ since: T0 + MIN })).toEqual(['U-b/signin', 'U-a/refresh']);
        expect(await pick({ until: T0 + MIN })).toEqual(['U-a/signin', 'U-b/signin']);
        expect(await pick({ since: T0 + MIN, until: T0 + MIN })).toEqual(['U-b/signin']);
        expect(await pick({ order: 'newest-first' })).toEqual(['U-a/refresh', 'U-b/signin', 'U-a/signin']);
        expect(await pick({ order: 'newest-first', userId: 'U-a', until: T0 + 2 * MIN })).toEqual([
          'U-a/refresh',
          'U-a/signin',
        ]);
        expect(await pick({ userId: 'nobody' })).toEqual([]);
        expect((await store.audit.query(OTHER_PROJECT, {})).map((r) => r.userId)).toEqual(['U-a']);
      });

      it('audit.query pages by afterId (oldest first) or beforeId (newest first); limit defaults to 100 and is capped at 1000', async () => {
        const store = await fresh();
        for (let i = 0; i < 1005; i++) await store.audit.append(event({ at: T0 + i }));
        const first = await store.audit.query(PROJECT, { limit: 2 });
        expect(first.map((r) => r.at)).toEqual([T0, T0 + 1]);
        const second = await store.audit.query(PROJECT, { limit: 2, afterId: first[1]!.id });
        expect(second.map((r) => r.at)).toEqual([T0 + 2, T0 + 3]);
        // Newest first pages backwards by beforeId.
        const newest = await store.audit.query(PROJECT, { limit: 2, order: 'newest-first' });
        expect(newest.map((r) => r.at)).toEqual([T0 + 1004, T0 + 1003]);
        const older = await store.audit.query(PROJECT, { limit: 2, order: 'newest-first', beforeId: newest[1]!.id });
        expect(older.map((r) => r.at)).toEqual([T0 + 1002, T0 + 1001]);
        expect(await store.audit.query(PROJECT, {})).toHaveLength(100);
        expect(await store.audit.query(PROJECT, { limit: 0 })).toHaveLength(100);
        expect(await store.audit.query(PROJECT, { limit: 5000 })).toHaveLength(1000);
      });

      it('audit.deleteOlderThan deletes only events before the cut-off, in every project; nothing to delete → 0', async () => {
        const store = await fresh();
        const cutoff = T0 - 365 * DAY;
        expect(await store.audit.deleteOlderThan(cutoff, 100)).toBe(0); // empty table
        for (const at of [T0 - DAY, T0 - 400 * DAY, T0, cutoff, T0 - 366 * DAY])
          await store.audit.append(event({ at }));
        await store.audit.append(event({ projectId: OTHER_PROJECT, at: T0 - 500 * DAY }));
        await store.audit.append(event({ projectId: OTHER_PROJECT, at: T0 }));
        expect(await store.audit.deleteOlderThan(cutoff, 100)).toBe(3);
        // An event exactly at the cut-off is not older than it: it stays. The rest still reads oldest first by id.
        const left = await store.audit.query(PROJECT, {});
        expect(left.map((r) => r.at)).toEqual([T0 - DAY, T0, cutoff]);
        expect(left.map((r) => r.id)).toEqual([...left.map((r) => r.id)].sort((x, y) => x - y));
        expect((await store.audit.query(OTHER_PROJECT, {})).map((r) => r.at)).toEqual([T0]);
        expect(await store.audit.deleteOlderThan(cutoff, 100)).toBe(0); // only recent rows left
      });

      it('audit.deleteOlderThan deletes at most limit, oldest first; the rest goes in the next call', async () => {
        const store = await fresh();
        // Appended out of time order, so "oldest first" cannot be mistaken for "lowest id first".
        for (const i of [3, 0, 4, 1, 2]) await store.audit.append(event({ at: T0 - 10 * DAY + i * MIN }));
        await store.audit.append(event({ at: T0 }));
        const cutoff = T0 - DAY;
        const times = async () => (await store.audit.query(PROJECT, {})).map((r) => r.at);
        expect(await store.audit.deleteOlderThan(cutoff, 0)).toBe(0);
        expect(await store.audit.deleteOlderThan(cutoff, -1)).toBe(0); // never "no limit"
        expect(await store.audit.deleteOlderThan(cutoff, 2)).toBe(2);
        expect(await times()).toEqual([T0 - 10 * DAY + 3 * MIN, T0 - 10 * DAY + 4 * MIN, T0 - 10 * DAY + 2 * MIN, T0]);
        expect(await store.audit.deleteOlderThan(cutoff, 2)).toBe(2);
        expect(await times()).toEqual([T0 - 10 * DAY + 4 * MIN, T0]);
        expect(await store.audit.deleteOlderThan(cutoff, 2)).toBe(1);
        expect(await store.audit.deleteOlderThan(cutoff, 2)).toBe(0);
        expect(await times()).toEqual([T0]);
      });
    });
  });
}
