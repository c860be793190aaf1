// Store: the whole durable state, one adapter instance per process, one line per port (the ports are in *Ports.ts).
import type { AuditStore } from './auditPorts.js';
import type { ActivityStore } from './activityPorts.js';
import type { AuthzStore } from './authzPorts.js';
import type { ConsoleSessionStore } from './consolePorts.js';
import type { KeyStore } from './keyPorts.js';
import type { PendingAuthStore, WebhookMessageStore } from './pendingAuthPorts.js';
import type { ProjectStore } from './projectPorts.js';
import type { LoginHistoryStore, SessionStore } from './sessionPorts.js';
import type { UserStore } from './userPorts.js';

/** The whole durable state, one adapter instance per process. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly projects: ProjectStore;
  readonly users: UserStore;
  readonly pendingAuths: PendingAuthStore;
  readonly webhookMessages: WebhookMessageStore;
  readonly sessions: SessionStore;
  readonly keys: KeyStore;
  readonly loginHistory: LoginHistoryStore;
  readonly audit: AuditStore;
  /** Roles, permissions and tenants (authzPorts.ts). */
  readonly authz: AuthzStore;
  /** The admin console's sign-in sessions (consolePorts.ts). */
  readonly consoleSessions: ConsoleSessionStore;
  /** Login activity counters (activityPorts.ts). */
  readonly activity: ActivityStore;
  /** Cheap round trip for /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
