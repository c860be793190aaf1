// Store ports for projects: the record, its settings and the project store (defaults in projects/defaults.ts).
// Same rules as every store port (see store/ports.ts): times are epoch ms, every method is async, "not found" is a
// return value, never a throw.
import type { RateLimitSettings } from '../rate-limit/ports.js';
import type { ProjectTemplates } from '../whatsapp/templates/projectTemplates.js';

/**
 * Per-project settings; defaults live in `projects/defaults.ts`, limits and validation in
 * `projects/projectSettings.ts` (the name in messages is the project's `name`, not a setting).
 */
export interface ProjectSettings {
  /** Session JWT lifetime, seconds. */
  sessionTtlSec: number;
  /** Refresh JWT lifetime, seconds. */
  refreshTtlSec: number;
  /** Pending login lifetime, seconds. */
  pendingTtlSec: number;
  /** Issue a new refresh JWT on every refresh, revoking the family on reuse of a rotated-out one. */
  refreshRotation: boolean;
  /** Where tokens travel in JWTResponse answers: body fields (default) or DS/DSR cookies. */
  tokenDelivery: 'body' | 'cookies';
  /** Domain of the DS/DSR cookies ('' = host-only). */
  cookieDomain: string;
  /** Browser origins allowed to call this project (exact origins, or `http://localhost:*` patterns). */
  allowedOrigins: string[];
  /** Ask "Yes, it's me" / "No" in WhatsApp before a login verifies (anti-phishing). */
  confirmation: boolean;
  /** JWT signing algorithm for new keys. */
  signingAlg: 'RS256' | 'ES256' | 'EdDSA';
  /** Per-project overrides of the server's rate limits (absent rules follow the server defaults). */
  rateLimits?: Partial<RateLimitSettings>;
  /**
   * Accept an email loginId on sign-up/sign-in starts only when they carry the auth management key (a backend's
   * call): the WhatsApp message proves a phone, not an email, so otherwise anyone can claim a new email id first.
   * Absent (projects stored before the setting existed) = false.
   */
  emailLoginIdRequiresManagementKey?: boolean;
  /** The project's own message texts per locale (absent texts use the built-in ones). */
  templates?: ProjectTemplates;
}

export interface ProjectRecord {
  projectId: string;
  /** The name WhatsApp messages use ("Log in to <name>"). */
  name: string;
  /** SHA-256 hex of the management key (never the key itself). */
  managementKeyHash: string;
  settings: ProjectSettings;
  createdAt: number;
}

export interface ProjectStore {
  create(project: ProjectRecord): Promise<void>;
  get(projectId: string): Promise<ProjectRecord | null>;
  list(): Promise<ProjectRecord[]>;
  /**
   * Replaces the settings; false for an unknown project. With `expected`, only when the stored settings still equal
   * it (compare-and-set: two concurrent partial updates cannot lose one another's change), else false.
   */
  updateSettings(projectId: string, settings: ProjectSettings, expected?: ProjectSettings): Promise<boolean>;
  /** Renames the project (the name in messages); false for an unknown project. */
  setName(projectId: string, name: string): Promise<boolean>;
  setManagementKeyHash(projectId: string, hash: string): Promise<boolean>;
}
