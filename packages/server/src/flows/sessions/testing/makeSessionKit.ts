// Test kit for session flows: in-memory SQLite, real TokenService, a hand-moved clock, one project and one user.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach } from 'vitest';
import { loadConfig } from '../../../config/config.js';
import { systemRandom } from '../../../deps.js';
import { defaultProjectSettings } from '../../../projects/defaults.js';
import { builtinRole } from '../../../store/authzPorts.js';
import { createStore } from '../../../store/createStore.js';
import type { ProjectRecord, ProjectSettings, Store, UserRecord } from '../../../store/ports.js';
import { createTokenService } from '../../../tokens/createTokenService.js';
import { issueSession } from '../issueSession.js';
import type { SessionDeps } from '../mintSession.js';

export interface SessionKit {
  deps: SessionDeps & { store: Store };
  clock: { now(): number; advance(ms: number): void };
  project: ProjectRecord;
  user: UserRecord;
  close(): Promise<void>;
}

export const KIT_PROJECT_ID = 'P5sessionkit000000000000000A';

export async function makeSessionKit(
  settings: Partial<ProjectSettings> = {},
  env: Record<string, string> = {},
): Promise<SessionKit> {
  let t = Date.UTC(2026, 2, 1, 10, 0, 0);
  const clock = {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', NOTP_PUBLIC_URL: 'http://127.0.0.1:4000', ...env });
  const store = await createStore(config.databaseUrl);
  const tokens = createTokenService({ store, config, masterKey: randomBytes(32), clock, random: systemRandom });
  const project: ProjectRecord = {
    projectId: KIT_PROJECT_ID,
    name: 'session test',
    managementKeyHash: '0'.repeat(64),
    settings: { ...defaultProjectSettings(config), sessionTtlSec: 600, refreshTtlSec: 3600, ...settings },
    createdAt: t,
  };
  await store.projects.create(project);
  const user: UserRecord = {
    projectId: project.projectId,
    userId: 'U5user00000000000000000000001',
    loginIds: ['+16505551234'],
    phone: '+16505551234',
    name: 'Joe Person',
    verifiedEmail: false,
    verifiedPhone: true,
    roleNames: ['editor'],
    userTenants: [
      { tenantId: 'T1', tenantName: 'Acme', roleNames: ['admin'] },
      { tenantId: 'T2', tenantName: 'Globex', roleNames: [] },
    ],
    status: 'enabled',
    customAttributes: {},
    test: false,
    createdAt: t,
    updatedAt: t,
  };
  // The roles and tenants the user holds exist (claims carry only those that do).
  for (const name of ['editor', 'admin', 'viewer']) {
    await store.authz.createRole({ ...builtinRole(project.projectId, t), name, description: '' });
  }
  for (const [tenantId, name] of [
    ['T1', 'Acme'],
    ['T2', 'Globex'],
  ] as const) {
    await store.authz.createTenant({
      projectId: project.projectId,
      tenantId,
      name,
      selfProvisioningDomains: [],
      customAttributes: {},
      disabled: false,
      createdAt: t,
    });
  }
  await store.users.create(user);
  return {
    deps: { config, store, tokens, clock, random: systemRandom, log: pino({ level: 'silent' }) },
    clock,
    project,
    user,
    close: () => store.close(),
  };
}

/** A session JWT's payload (no verification: the flows under test issued it). */
export const payloadOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

/** The catalogue code a promise rejects with ('resolved' when it does not). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'resolved';
}

/** Closes the test's kit after each test (call once at a test file's top level). */
export function closeKitAfterEach(current: () => SessionKit | undefined): void {
  afterEach(async () => {
    await current()?.close();
  });
}

/** A login of the kit's user: the contract JWTResponse issueSession answers. */
export async function loginAs(kit: SessionKit, extra: Partial<Parameters<typeof issueSession>[1]> = {}) {
  const issued = await issueSession(kit.deps, { project: kit.project, user: kit.user, amr: ['whatsapp'], ...extra });
  return issued.response;
}
