// The start step table, table-driven: four variants × loginId kinds × user states → pending auth or catalogue error.
import { NotpError } from '@notp/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../crypto/sha256Hex.js';
import type { UserRecord } from '../../store/ports.js';
import { issueSession } from '../sessions/issueSession.js';
import { hashPendingRef } from './pendingRef.js';
import { type StartInput, startLogin } from './startLogin.js';
import { type FlowTestKit, makeFlowDeps } from './testing/makeFlowDeps.js';

let kit: FlowTestKit;
let aliceRefresh: string;

const user = (userId: string, loginId: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  projectId: kit.project.projectId,
  userId,
  loginIds: [loginId],
  verifiedEmail: false,
  verifiedPhone: false,
  roleNames: [],
  userTenants: [],
  status: 'enabled',
  customAttributes: {},
  test: false,
  createdAt: 0,
  updatedAt: 0,
  ...extra,
});

beforeAll(async () => {
  kit = await makeFlowDeps();
  const users = kit.deps.store.users;
  const alice = user('Ualice', '+16505551234', { phone: '+16505551234', verifiedPhone: true });
  await users.create(alice);
  await users.create(
    user('Ubob', 'bob@example.com', { email: 'bob@example.com', phone: '+16505552222', verifiedPhone: true }),
  );
  await users.create(user('Ucarol', 'carol@example.com', { email: 'carol@example.com' }));
  await users.create(user('Udave', '+16505553333', { phone: '+16505553333', verifiedPhone: true, status: 'disabled' }));
  const issued = await issueSession(kit.deps, { project: kit.project, user: alice, amr: ['whatsapp'] });
  aliceRefresh = issued.response.refreshJwt ?? '';
  expect(aliceRefresh).not.toBe('');
});
afterAll(() => kit.close());

type Expect =
  | { error: string }
  | {
      loginId: string;
      kind: 'phone' | 'email' | 'other' | 'empty';
      expectedPhone: string | null;
      userId: string | null;
    };

const ALICE_TOKEN = Symbol('alice refresh token');
type Case = [string, Omit<StartInput, 'refreshJwt'> & { refreshJwt?: string | typeof ALICE_TOKEN }, Expect];

const cases: Case[] = [
  // signup
  [
    'signup: new phone',
    { kind: 'signup', loginId: '+1 650 555 9999' },
    { loginId: '+16505559999', kind: 'phone', expectedPhone: '+16505559999', userId: null },
  ],
  [
    'signup: 00 prefix',
    { kind: 'signup', loginId: '0016505559999' },
    { loginId: '+16505559999', kind: 'phone', expectedPhone: '+16505559999', userId: null },
  ],
  [
    'signup: empty loginId',
    { kind: 'signup', loginId: '' },
    { loginId: '', kind: 'empty', expectedPhone: null, userId: null },
  ],
  [
    'signup: email lower-cased',
    { kind: 'signup', loginId: ' New@Example.com ' },
    { loginId: 'new@example.com', kind: 'email', expectedPhone: null, userId: null },
  ],
  [
    'signup: email with user.phone',
    { kind: 'signup', loginId: 'new@example.com', user: { phone: '+1 (650) 555-8888' } },
    { loginId: 'new@example.com', kind: 'email', expectedPhone: '+16505558888', userId: null },
  ],
  [
    'signup: username',
    { kind: 'signup', loginId: 'someone' },
    { loginId: 'someone', kind: 'other', expectedPhone: null, userId: null },
  ],
  ['signup: existing phone', { kind: 'signup', loginId: '+16505551234' }, { error: 'E062107' }],
  ['signup: existing email', { kind: 'signup', loginId: 'BOB@example.com' }, { error: 'E062107' }],
  ['signup: impossible phone', { kind: 'signup', loginId: '+123' }, { error: 'E011004' }],
  [
    'signup: user.phone differs from phone loginId',
    { kind: 'signup', loginId: '+16505559999', user: { phone: '+16505558888' } },
    { error: 'E011004' },
  ],
  ['signup: bad user.email', { kind: 'signup', loginId: '', user: { email: 'not-an-email' } }, { error: 'E011004' }],
  ['signup: bad user.phone', { kind: 'signup', loginId: '', user: { phone: '12' } }, { error: 'E011004' }],
  [
    'signup: reserved custom claim',
    { kind: 'signup', loginId: '', options: { customClaims: { sub: 'x' } } },
    { error: 'E011004' },
  ],
  ['signup: bad locale', { kind: 'signup', loginId: '', options: { locale: 'x y' } }, { error: 'E011004' }],
  [
    'signup: stale token ignored',
    { kind: 'signup', loginId: '', refreshJwt: 'garbage' },
    { loginId: '', kind: 'empty', expectedPhone: null, userId: null },
  ],
  // signin
  [
    'signin: phone of a user',
    { kind: 'signin', loginId: '+16505551234' },
    { loginId: '+16505551234', kind: 'phone', expectedPhone: '+16505551234', userId: 'Ualice' },
  ],
  [
    'signin: empty loginId',
    { kind: 'signin', loginId: '' },
    { loginId: '', kind: 'empty', expectedPhone: null, userId: null },
  ],
  [
    'signin: email → verified phone',
    { kind: 'signin', loginId: 'bob@example.com' },
    { loginId: 'bob@example.com', kind: 'email', expectedPhone: '+16505552222', userId: 'Ubob' },
  ],
  ['signin: email without verified phone', { kind: 'signin', loginId: 'carol@example.com' }, { error: 'E011003' }],
  ['signin: unknown phone', { kind: 'signin', loginId: '+16505550000' }, { error: 'E062108' }],
  ['signin: unknown email', { kind: 'signin', loginId: 'nobody@example.com' }, { error: 'E062108' }],
  ['signin: disabled user', { kind: 'signin', loginId: '+16505553333' }, { error: 'E901005' }],
  [
    'signin: stale token ignored',
    { kind: 'signin', loginId: '+16505551234', refreshJwt: 'garbage' },
    { loginId: '+16505551234', kind: 'phone', expectedPhone: '+16505551234', userId: 'Ualice' },
  ],
  [
    'signin: step-up without token',
    { kind: 'signin', loginId: '+16505551234', options: { stepup: true } },
    { error: 'E901004' },
  ],
  [
    'signin: mfa with a bad token',
    { kind: 'signin', loginId: '+16505551234', options: { mfa: true }, refreshJwt: 'garbage' },
    { error: 'E901002' },
  ],
  [
    'signin: step-up for someone else',
    { kind: 'signin', loginId: 'bob@example.com', options: { stepup: true }, refreshJwt: ALICE_TOKEN },
    { error: 'E901006' },
  ],
  [
    'signin: step-up, empty loginId',
    { kind: 'signin', loginId: '', options: { stepup: true }, refreshJwt: ALICE_TOKEN },
    { loginId: '', kind: 'empty', expectedPhone: '+16505551234', userId: 'Ualice' },
  ],
  [
    'signin: step-up, own loginId',
    { kind: 'signin', loginId: '+16505551234', options: { stepup: true }, refreshJwt: ALICE_TOKEN },
    { loginId: '+16505551234', kind: 'phone', expectedPhone: '+16505551234', userId: 'Ualice' },
  ],
  // signup-in
  [
    'signup-in: existing phone',
    { kind: 'signup-in', loginId: '+16505551234' },
    { loginId: '+16505551234', kind: 'phone', expectedPhone: '+16505551234', userId: 'Ualice' },
  ],
  [
    'signup-in: new phone',
    { kind: 'signup-in', loginId: '+16505556666' },
    { loginId: '+16505556666', kind: 'phone', expectedPhone: '+16505556666', userId: null },
  ],
  [
    'signup-in: existing email',
    { kind: 'signup-in', loginId: 'bob@example.com' },
    { loginId: 'bob@example.com', kind: 'email', expectedPhone: '+16505552222', userId: 'Ubob' },
  ],
  [
    'signup-in: existing email without phone',
    { kind: 'signup-in', loginId: 'carol@example.com' },
    { error: 'E011003' },
  ],
  [
    'signup-in: new email',
    { kind: 'signup-in', loginId: 'new@example.com' },
    { loginId: 'new@example.com', kind: 'email', expectedPhone: null, userId: null },
  ],
  [
    'signup-in: empty',
    { kind: 'signup-in', loginId: '' },
    { loginId: '', kind: 'empty', expectedPhone: null, userId: null },
  ],
  ['signup-in: disabled', { kind: 'signup-in', loginId: '+16505553333' }, { error: 'E901005' }],
  // update
  ['update: no token', { kind: 'update', loginId: '+16505551234', phone: '+16505557777' }, { error: 'E901004' }],
  ['update: bad token', { kind: 'update', loginId: '+16505551234', refreshJwt: 'garbage' }, { error: 'E901002' }],
  [
    'update: new phone named',
    { kind: 'update', loginId: '+16505551234', phone: '+16505557777', refreshJwt: ALICE_TOKEN },
    { loginId: '+16505551234', kind: 'phone', expectedPhone: '+16505557777', userId: 'Ualice' },
  ],
  [
    'update: any sender',
    { kind: 'update', loginId: '', refreshJwt: ALICE_TOKEN },
    { loginId: '', kind: 'empty', expectedPhone: null, userId: 'Ualice' },
  ],
  [
    "update: someone else's loginId",
    { kind: 'update', loginId: 'bob@example.com', refreshJwt: ALICE_TOKEN },
    { error: 'E901006' },
  ],
  [
    'update: impossible phone',
    { kind: 'update', loginId: '', phone: '+1', refreshJwt: ALICE_TOKEN },
    { error: 'E011004' },
  ],
];

describe('start step table', () => {
  it.each(cases)('%s', async (_name, c, expected) => {
    const input: StartInput = { ...c, refreshJwt: c.refreshJwt === ALICE_TOKEN ? aliceRefresh : c.refreshJwt };
    if (input.refreshJwt === undefined) delete input.refreshJwt;
    if ('error' in expected) {
      const err = await startLogin(kit.deps, kit.project, input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(NotpError);
      expect((err as NotpError).code).toBe(expected.error);
      return;
    }
    const res = await startLogin(kit.deps, kit.project, input);
    const rec = await kit.deps.store.pendingAuths.getByRefHash(hashPendingRef(res.pendingRef));
    expect(rec).not.toBeNull();
    expect(rec?.kind).toBe(c.kind);
    expect(rec?.request.loginId).toBe(expected.loginId);
    expect(rec?.request.loginIdKind).toBe(expected.kind);
    expect(rec?.expectedPhone).toBe(expected.expectedPhone);
    expect(rec?.userId).toBe(expected.userId);
    expect(rec?.parentSessionId !== null).toBe(c.refreshJwt === ALICE_TOKEN);
    expect(rec?.status).toBe('pending');
  });

  it('answers a redirect link without the pendingRef, a PNG QR by default and SVG on request, and sends nothing', async () => {
    const png = await startLogin(kit.deps, kit.project, { kind: 'signup', loginId: '' });
    expect(png.pendingRef).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(png.redirectUrl).not.toContain(png.pendingRef);
    expect(png.redirectUrl.startsWith(`${kit.deps.config.publicUrl}/simulator/chat?text=`)).toBe(true);
    expect(Buffer.from(png.image, 'base64').subarray(0, 4).toString('hex')).toBe('89504e47');
    const svg = await startLogin(kit.deps, kit.project, { kind: 'signup', loginId: '', options: { qrFormat: 'svg' } });
    expect(svg.image).toContain('<svg');
    await kit.deps.replies.drain(1000);
    expect(kit.inbox.list('16505551234')).toEqual([]);
  });

  it('stores hashes only and honours the project TTL', async () => {
    const res = await startLogin(kit.deps, kit.project, { kind: 'signup', loginId: '' });
    const rec = await kit.deps.store.pendingAuths.getByRefHash(hashPendingRef(res.pendingRef));
    expect(JSON.stringify(rec)).not.toContain(res.pendingRef);
    expect(rec?.expiresAt).toBe(kit.clock.now() + kit.project.settings.pendingTtlSec * 1000);
  });
});

describe('project setting emailLoginIdRequiresManagementKey', () => {
  const KEY = 'backend-management-key';
  const codeOf = (input: StartInput) =>
    startLogin(kit.deps, kit.project, input).then(
      () => 'ok',
      (e: unknown) => (e instanceof NotpError ? e.code : String(e)),
    );
  beforeAll(() => {
    kit.project.managementKeyHash = sha256Hex(KEY);
  });
  afterEach(() => {
    kit.project.settings.emailLoginIdRequiresManagementKey = false;
  });

  it('off (the default): a browser may start email sign-ups and sign-ins', async () => {
    expect(kit.project.settings.emailLoginIdRequiresManagementKey).toBe(false);
    expect(await codeOf({ kind: 'signup', loginId: 'new1@example.com' })).toBe('ok');
    expect(await codeOf({ kind: 'signin', loginId: 'bob@example.com' })).toBe('ok');
  });

  it('on: email loginIds need the auth management key (403 E901010); phones and empty ids do not', async () => {
    kit.project.settings.emailLoginIdRequiresManagementKey = true;
    for (const kind of ['signup', 'signup-in'] as const) {
      expect(await codeOf({ kind, loginId: 'new2@example.com' })).toBe('E901010');
      expect(await codeOf({ kind, loginId: 'new2@example.com', authManagementKey: KEY })).toBe('ok');
    }
    expect(await codeOf({ kind: 'signin', loginId: 'bob@example.com' })).toBe('E901010');
    expect(await codeOf({ kind: 'signin', loginId: 'bob@example.com', authManagementKey: KEY })).toBe('ok');
    expect(await codeOf({ kind: 'signin', loginId: 'bob@example.com', authManagementKey: 'wrong' })).toBe('E901003');
    expect(await codeOf({ kind: 'signup', loginId: '+16505557771' })).toBe('ok');
    expect(await codeOf({ kind: 'signup-in', loginId: '' })).toBe('ok');
  });
});
