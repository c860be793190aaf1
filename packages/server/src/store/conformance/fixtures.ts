// Shared fixtures of the store conformance suite: fixed times, project ids, and a valid record of each kind.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import type {
  PendingAuthRecord,
  ProjectRecord,
  RefreshSessionRecord,
  SigningKeyRecord,
  Store,
  UserRecord,
  Verification,
} from '../ports.js';
import { newPendingAuthRecord } from '../newPendingAuthRecord.js';

export interface StoreConformanceOptions {
  /** Shown in the describe block, e.g. "sqlite (file)". */
  name: string;
  /** A fresh, empty, migrated store; called once per test. */
  make: () => Promise<Store>;
  /** Opens a new store on the same database as `closed` (already closed); omit for databases that do not persist. */
  reopen?: (closed: Store) => Promise<Store>;
}

/** The options of a port's own conformance suite (authzConformance.ts, consoleConformance.ts). */
export type PortConformanceOptions = Pick<StoreConformanceOptions, 'name' | 'make'>;

/**
 * An opener of fresh stores for a suite: every store it opens during a test is closed after that test.
 * Call it inside the suite's `describe` (it registers an `afterEach`).
 */
export function freshStores(make: () => Promise<Store>): () => Promise<Store> {
  let open: Store[] = [];
  afterEach(async () => {
    await Promise.all(open.map((s) => s.close()));
    open = [];
  });
  return async () => {
    const s = await make();
    open.push(s);
    return s;
  };
}

/** What each per-port file gets from `runStoreConformance`. */
export interface ConformanceContext {
  opts: StoreConformanceOptions;
  /** A fresh store from `opts.make()`, closed after the test. */
  fresh: () => Promise<Store>;
  /** Stores to close after the test (a test that opens one itself adds it here). */
  opened: Store[];
}

export const T0 = Date.UTC(2025, 5, 2, 9, 30); // a fixed "now", epoch ms
export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;
export const PROJECT = 'P2tQk8Zr4mWn7Xc1Vb5Lp9Hs3Jd6'; // P + 27 alphanumerics, as the contract's ids
export const OTHER_PROJECT = 'P2aB3cD4eF5gH6iJ7kL8mN9oP0qR';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const secretHash = (): string => sha256(randomBytes(32).toString('base64url'));
let counter = 0;
export const nextId = (prefix: string): string =>
  `${prefix}${(++counter).toString().padStart(6, '0')}${randomBytes(6).toString('hex')}`;

export function project(overrides: Partial<ProjectRecord> = {}): ProjectRecord {
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

export function user(overrides: Partial<UserRecord> = {}): UserRecord {
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

export function pending(overrides: Partial<PendingAuthRecord> = {}): PendingAuthRecord {
  return {
    ...newPendingAuthRecord({
      id: nextId('pa_'),
      projectId: PROJECT,
      refHash: secretHash(),
      codeHash: secretHash(),
      kind: 'signup-in',
      request: { loginId: '+16505551234', loginIdKind: 'phone', locale: 'en', ip: '203.0.113.7' },
      expectedPhone: '+16505551234',
      createdAt: T0,
      expiresAt: T0 + 10 * MIN,
    }),
    ...overrides,
  };
}

export function verification(p: PendingAuthRecord, overrides: Partial<Verification> = {}): Verification {
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

export function session(overrides: Partial<RefreshSessionRecord> = {}): RefreshSessionRecord {
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

export function signingKey(overrides: Partial<SigningKeyRecord> = {}): SigningKeyRecord {
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
export function race<T>(n: number, task: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => task(i)));
}
