// The SQL schema as numbered migrations, kept in TypeScript so the bundled server needs no files beside it.
// Portable by design: a PostgreSQL adapter mirrors these tables, columns and constraints one for one
// (TEXT → text, INTEGER epoch ms → bigint, INTEGER 0/1 flags → boolean, JSON text → jsonb,
// login_history.id INTEGER PRIMARY KEY (SQLite's auto-numbered rowid) → bigint generated always as identity).
// Never edit a published migration: add the next number.

export interface Migration {
  /** Applied in ascending order; recorded in `schema_migrations`. */
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE projects (
  project_id          TEXT PRIMARY KEY,
  name                TEXT NOT NULL,
  management_key_hash TEXT NOT NULL,
  settings            TEXT NOT NULL,
  created_at          INTEGER NOT NULL
);

CREATE TABLE users (
  project_id        TEXT NOT NULL,
  user_id           TEXT NOT NULL,
  login_ids         TEXT NOT NULL,
  name              TEXT,
  given_name        TEXT,
  middle_name       TEXT,
  family_name       TEXT,
  email             TEXT,
  phone             TEXT,
  verified_email    INTEGER NOT NULL,
  verified_phone    INTEGER NOT NULL,
  wa_id             TEXT,
  wa_bsuid          TEXT,
  role_names        TEXT NOT NULL,
  user_tenants      TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('enabled', 'disabled', 'invited')),
  custom_attributes TEXT NOT NULL,
  picture           TEXT,
  test              INTEGER NOT NULL,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX users_verified_phone ON users (project_id, phone) WHERE verified_phone = 1;
CREATE INDEX users_created_at ON users (project_id, created_at);

-- The primary key is what makes "a login id is unique per project" a database guarantee.
CREATE TABLE user_login_ids (
  project_id TEXT NOT NULL,
  login_id   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  PRIMARY KEY (project_id, login_id),
  FOREIGN KEY (project_id, user_id) REFERENCES users (project_id, user_id) ON DELETE CASCADE
);
CREATE INDEX user_login_ids_user ON user_login_ids (project_id, user_id);

CREATE TABLE pending_auths (
  id                 TEXT PRIMARY KEY,
  project_id         TEXT NOT NULL,
  ref_hash           TEXT NOT NULL UNIQUE,
  code_hash          TEXT NOT NULL UNIQUE,
  kind               TEXT NOT NULL CHECK (kind IN ('signup', 'signin', 'signup-in', 'update')),
  request            TEXT NOT NULL,
  expected_phone     TEXT,
  user_id            TEXT,
  parent_session_id  TEXT,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'awaiting-confirmation', 'verified', 'failed', 'consumed')),
  failure_code       TEXT,
  sender_phone       TEXT,
  sender_wa_id       TEXT,
  sender_bsuid       TEXT,
  result_user_id     TEXT,
  first_seen         INTEGER NOT NULL,
  confirm_nonce_hash TEXT,
  created_at         INTEGER NOT NULL,
  expires_at         INTEGER NOT NULL,
  verified_at        INTEGER,
  consumed_at        INTEGER
);
CREATE INDEX pending_auths_expires_at ON pending_auths (expires_at);

CREATE TABLE webhook_messages (
  message_key TEXT PRIMARY KEY,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX webhook_messages_recorded_at ON webhook_messages (recorded_at);

CREATE TABLE refresh_sessions (
  id            TEXT PRIMARY KEY,
  project_id    TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  family_id     TEXT NOT NULL,
  amr           TEXT NOT NULL,
  tenant_id     TEXT,
  custom_claims TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  revoked_at    INTEGER,
  rotated_at    INTEGER,
  ip            TEXT,
  user_agent    TEXT
);
CREATE INDEX refresh_sessions_user ON refresh_sessions (project_id, user_id);
CREATE INDEX refresh_sessions_family ON refresh_sessions (family_id);
CREATE INDEX refresh_sessions_expires_at ON refresh_sessions (expires_at);

CREATE TABLE signing_keys (
  kid             TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL,
  alg             TEXT NOT NULL CHECK (alg IN ('RS256', 'ES256', 'EdDSA')),
  public_jwk      TEXT NOT NULL,
  private_key_enc TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('active', 'verify-only', 'retired')),
  created_at      INTEGER NOT NULL,
  retire_after    INTEGER
);
-- At most one active signing key per project: two instances racing to create the first key cannot both win.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (project_id) WHERE status = 'active';
CREATE INDEX signing_keys_project ON signing_keys (project_id, status);

CREATE TABLE login_history (
  id         INTEGER PRIMARY KEY,
  project_id TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  login_time INTEGER NOT NULL,
  ip         TEXT NOT NULL,
  city       TEXT NOT NULL,
  country    TEXT NOT NULL
);
CREATE INDEX login_history_user ON login_history (project_id, user_id, login_time);
`,
  },
  {
    version: 2,
    name: 'pending auth confirmation message id',
    // The wamid of our "Yes, it's me" / "No" buttons message: a confirmation answer must reply in its context.
    sql: 'ALTER TABLE pending_auths ADD COLUMN confirm_message_id TEXT;',
  },
  {
    version: 3,
    name: 'audit log',
    sql: `
CREATE TABLE audit_events (
  id         INTEGER PRIMARY KEY,
  project_id TEXT NOT NULL,
  type       TEXT NOT NULL,
  at         INTEGER NOT NULL,
  user_id    TEXT,
  ip         TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  reason     TEXT,
  detail     TEXT NOT NULL
);
CREATE INDEX audit_events_project ON audit_events (project_id, id);
CREATE INDEX audit_events_user ON audit_events (project_id, user_id, id);
`,
  },
  {
    version: 4,
    name: 'retention indexes',
    // The janitor deletes audit events and login history older than NOTP_AUDIT_RETENTION_DAYS, oldest first, in
    // batches: these indexes let each batch find its rows without scanning the table.
    sql: `
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX login_history_login_time ON login_history (login_time);
`,
  },
  {
    version: 5,
    name: 'trusted custom claims',
    // Whether a session's custom claims were set with the auth management key (top level) or by a browser (under
    // nsec). Existing sessions default to untrusted: their claims move under nsec at their next refresh.
    sql: 'ALTER TABLE refresh_sessions ADD COLUMN custom_claims_trusted INTEGER NOT NULL DEFAULT 0;',
  },
  {
    version: 6,
    name: 'project name is the name in messages',
    // settings.appName (what WhatsApp messages said) becomes the project's name, the one source from now on; the
    // setting is dropped. Every project created before this had one (the development project).
    sql: `
UPDATE projects
   SET name = json_extract(settings, '$.appName'),
       settings = json_remove(settings, '$.appName')
 WHERE json_type(settings, '$.appName') = 'text';
`,
  },
  {
    version: 7,
    name: 'roles, permissions, tenants; user search indexes',
    // Project roles have tenant_id '' (a primary key column cannot be null). Existing data keeps working: every
    // project gets the built-in console-admin role, and every role name and tenant id already held by a user becomes
    // a project role / a tenant record, so the sessions minted after the upgrade carry what they carried before.
    sql: `
CREATE TABLE permissions (
  project_id  TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (project_id, name)
);

CREATE TABLE roles (
  project_id       TEXT NOT NULL,
  tenant_id        TEXT NOT NULL,
  name             TEXT NOT NULL,
  description      TEXT NOT NULL,
  permission_names TEXT NOT NULL,
  is_default       INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  PRIMARY KEY (project_id, tenant_id, name)
);

CREATE TABLE tenants (
  project_id                TEXT NOT NULL,
  tenant_id                 TEXT NOT NULL,
  name                      TEXT NOT NULL,
  self_provisioning_domains TEXT NOT NULL,
  custom_attributes         TEXT NOT NULL,
  disabled                  INTEGER NOT NULL,
  created_at                INTEGER NOT NULL,
  PRIMARY KEY (project_id, tenant_id)
);

INSERT INTO roles (project_id, tenant_id, name, description, permission_names, is_default, created_at)
  SELECT project_id, '', 'console-admin',
    'Built-in: administers the project (users, roles, settings) in a console', '[]', 0, created_at
  FROM projects;
INSERT OR IGNORE INTO roles (project_id, tenant_id, name, description, permission_names, is_default, created_at)
  SELECT DISTINCT u.project_id, '', r.value, '', '[]', 0, CAST(strftime('%s', 'now') AS INTEGER) * 1000
  FROM users u, json_each(u.role_names) r;
INSERT OR IGNORE INTO roles (project_id, tenant_id, name, description, permission_names, is_default, created_at)
  SELECT DISTINCT u.project_id, '', tr.value, '', '[]', 0, CAST(strftime('%s', 'now') AS INTEGER) * 1000
  FROM users u, json_each(u.user_tenants) t, json_each(json_extract(t.value, '$.roleNames')) tr;
INSERT OR IGNORE INTO tenants
    (project_id, tenant_id, name, self_provisioning_domains, custom_attributes, disabled, created_at)
  SELECT u.project_id, json_extract(t.value, '$.tenantId'),
    coalesce(max(json_extract(t.value, '$.tenantName')), json_extract(t.value, '$.tenantId')), '[]', '{}', 0,
    CAST(strftime('%s', 'now') AS INTEGER) * 1000
  FROM users u, json_each(u.user_tenants) t
  GROUP BY u.project_id, json_extract(t.value, '$.tenantId');

CREATE INDEX users_email ON users (project_id, email);
CREATE INDEX users_phone ON users (project_id, phone);
CREATE INDEX users_updated_at ON users (project_id, updated_at);
`,
  },
  {
    version: 9,
    name: 'login activity counters',
    // Per-minute counters of logins and of the WhatsApp provider (store/activityPorts.ts), written in batches by each
    // instance (activity/ActivityRecorder.ts); project_id '' holds the server-wide (provider) rows. Purged after
    // 8 days by the janitor, oldest first, through the minute index. pending_auths.expiry_counted marks the logins the
    // janitor has counted as expired (once each). Does not depend on migration 8.
    sql: `
CREATE TABLE activity_counts (
  project_id TEXT NOT NULL,
  minute     INTEGER NOT NULL,
  metric     TEXT NOT NULL,
  count      INTEGER NOT NULL,
  last_at    INTEGER NOT NULL,
  PRIMARY KEY (project_id, minute, metric)
);
CREATE INDEX activity_counts_minute ON activity_counts (minute);
ALTER TABLE pending_auths ADD COLUMN expiry_counted INTEGER NOT NULL DEFAULT 0;
`,
  },
];
