// The PostgreSQL schema as numbered migrations: the same tables, columns, keys and versions as sqlite/migrations.ts,
// with the type mapping written in that file's header (TEXT → text, epoch ms → bigint, 0/1 → boolean, JSON → jsonb).
// Identifier columns are COLLATE "C": byte order, as SQLite compares, so ORDER BY … id agrees between adapters.
// Never edit a published migration: add the next number, with the same version as its SQLite twin.
import type { Migration } from '../sqlite/migrations.js';

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE projects (
  project_id          text COLLATE "C" PRIMARY KEY,
  name                text NOT NULL,
  management_key_hash text NOT NULL,
  settings            jsonb NOT NULL,
  created_at          bigint NOT NULL
);

CREATE TABLE users (
  project_id        text COLLATE "C" NOT NULL,
  user_id           text COLLATE "C" NOT NULL,
  login_ids         jsonb NOT NULL,
  name              text,
  given_name        text,
  middle_name       text,
  family_name       text,
  email             text,
  phone             text,
  verified_email    boolean NOT NULL,
  verified_phone    boolean NOT NULL,
  wa_id             text,
  wa_bsuid          text,
  role_names        jsonb NOT NULL,
  user_tenants      jsonb NOT NULL,
  status            text NOT NULL CHECK (status IN ('enabled', 'disabled', 'invited')),
  custom_attributes jsonb NOT NULL,
  picture           text,
  test              boolean NOT NULL,
  created_at        bigint NOT NULL,
  updated_at        bigint NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX users_verified_phone ON users (project_id, phone) WHERE verified_phone;
CREATE INDEX users_created_at ON users (project_id, created_at);

-- The primary key is what makes "a login id is unique per project" a database guarantee.
CREATE TABLE user_login_ids (
  project_id text COLLATE "C" NOT NULL,
  login_id   text COLLATE "C" NOT NULL,
  user_id    text COLLATE "C" NOT NULL,
  PRIMARY KEY (project_id, login_id),
  FOREIGN KEY (project_id, user_id) REFERENCES users (project_id, user_id) ON DELETE CASCADE
);
CREATE INDEX user_login_ids_user ON user_login_ids (project_id, user_id);

CREATE TABLE pending_auths (
  id                 text COLLATE "C" PRIMARY KEY,
  project_id         text COLLATE "C" NOT NULL,
  ref_hash           text COLLATE "C" NOT NULL UNIQUE,
  code_hash          text COLLATE "C" NOT NULL UNIQUE,
  kind               text NOT NULL CHECK (kind IN ('signup', 'signin', 'signup-in', 'update')),
  request            jsonb NOT NULL,
  expected_phone     text,
  user_id            text COLLATE "C",
  parent_session_id  text COLLATE "C",
  status             text NOT NULL CHECK (status IN ('pending', 'awaiting-confirmation', 'verified', 'failed', 'consumed')),
  failure_code       text,
  sender_phone       text,
  sender_wa_id       text,
  sender_bsuid       text,
  result_user_id     text COLLATE "C",
  first_seen         boolean NOT NULL,
  confirm_nonce_hash text,
  created_at         bigint NOT NULL,
  expires_at         bigint NOT NULL,
  verified_at        bigint,
  consumed_at        bigint
);
CREATE INDEX pending_auths_expires_at ON pending_auths (expires_at);

CREATE TABLE webhook_messages (
  message_key text COLLATE "C" PRIMARY KEY,
  recorded_at bigint NOT NULL
);
CREATE INDEX webhook_messages_recorded_at ON webhook_messages (recorded_at);

CREATE TABLE refresh_sessions (
  id            text COLLATE "C" PRIMARY KEY,
  project_id    text COLLATE "C" NOT NULL,
  user_id       text COLLATE "C" NOT NULL,
  family_id     text COLLATE "C" NOT NULL,
  amr           jsonb NOT NULL,
  tenant_id     text,
  custom_claims jsonb NOT NULL,
  created_at    bigint NOT NULL,
  expires_at    bigint NOT NULL,
  revoked_at    bigint,
  rotated_at    bigint,
  ip            text,
  user_agent    text
);
CREATE INDEX refresh_sessions_user ON refresh_sessions (project_id, user_id);
CREATE INDEX refresh_sessions_family ON refresh_sessions (family_id);
CREATE INDEX refresh_sessions_expires_at ON refresh_sessions (expires_at);

CREATE TABLE signing_keys (
  kid             text COLLATE "C" PRIMARY KEY,
  project_id      text COLLATE "C" NOT NULL,
  alg             text NOT NULL CHECK (alg IN ('RS256', 'ES256', 'EdDSA')),
  public_jwk      jsonb NOT NULL,
  private_key_enc text NOT NULL,
  status          text NOT NULL CHECK (status IN ('active', 'verify-only', 'retired')),
  created_at      bigint NOT NULL,
  retire_after    bigint
);
-- At most one active signing key per project: two instances racing to create the first key cannot both win.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (project_id) WHERE status = 'active';
CREATE INDEX signing_keys_project ON signing_keys (project_id, status);

CREATE TABLE login_history (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id text COLLATE "C" NOT NULL,
  user_id    text COLLATE "C" NOT NULL,
  login_time bigint NOT NULL,
  ip         text NOT NULL,
  city       text NOT NULL,
  country    text NOT NULL
);
CREATE INDEX login_history_user ON login_history (project_id, user_id, login_time);
`,
  },
  {
    version: 2,
    name: 'pending auth confirmation message id',
    // The wamid of our "Yes, it's me" / "No" buttons message: a confirmation answer must reply in its context.
    sql: 'ALTER TABLE pending_auths ADD COLUMN confirm_message_id text;',
  },
  {
    version: 3,
    name: 'audit log',
    sql: `
CREATE TABLE audit_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id text COLLATE "C" NOT NULL,
  type       text NOT NULL,
  at         bigint NOT NULL,
  user_id    text COLLATE "C",
  ip         text NOT NULL,
  user_agent text NOT NULL,
  reason     text,
  detail     text NOT NULL
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
    sql: 'ALTER TABLE refresh_sessions ADD COLUMN custom_claims_trusted boolean NOT NULL DEFAULT false;',
  },
  {
    version: 6,
    name: 'project name is the name in messages',
    // settings.appName (what WhatsApp messages said) becomes the project's name, the one source from now on; the
    // setting is dropped. Every project created before this had one (the development project).
    sql: `
UPDATE projects
   SET name = settings->>'appName',
       settings = settings - 'appName'
 WHERE jsonb_typeof(settings->'appName') = 'string';
`,
  },
  {
    version: 7,
    name: 'roles, permissions, tenants; user search indexes',
    // Mirrors SQLite's migration 7 (see there): project roles have tenant_id ''; existing data is carried over.
    sql: `
CREATE TABLE permissions (
  project_id  text COLLATE "C" NOT NULL,
  name        text COLLATE "C" NOT NULL,
  description text NOT NULL,
  created_at  bigint NOT NULL,
  PRIMARY KEY (project_id, name)
);

CREATE TABLE roles (
  project_id       text COLLATE "C" NOT NULL,
  tenant_id        text COLLATE "C" NOT NULL,
  name             text COLLATE "C" NOT NULL,
  description      text NOT NULL,
  permission_names jsonb NOT NULL,
  is_default       boolean NOT NULL,
  created_at       bigint NOT NULL,
  PRIMARY KEY (project_id, tenant_id, name)
);

CREATE TABLE tenants (
  project_id                text COLLATE "C" NOT NULL,
  tenant_id                 text COLLATE "C" NOT NULL,
  name                      text NOT NULL,
  self_provisioning_domains jsonb NOT NULL,
  custom_attributes         jsonb NOT NULL,
  disabled                  boolean NOT NULL,
  created_at                bigint NOT NULL,
  PRIMARY KEY (project_id, tenant_id)
);

INSERT INTO roles (project_id, tenant_id, name, description, permission_names, is_default, created_at)
  SELECT project_id, '', 'console-admin',
    'Built-in: administers the project (users, roles, settings) in a console', '[]', false, created_at
  FROM projects;
INSERT INTO roles (project_id, tenant_id, name, description, permission_names, is_default, created_at)
  SELECT DISTINCT u.project_id, '', r.value, '', '[]'::jsonb, false, (extract(epoch FROM now()) * 1000)::bigint
  FROM users u, jsonb_array_elements_text(u.role_names) r
  ON CONFLICT DO NOTHING;
INSERT INTO roles (project_id, tenant_id, name, description, permission_names, is_default, created_at)
  SELECT DISTINCT u.project_id, '', tr.value, '', '[]'::jsonb, false, (extract(epoch FROM now()) * 1000)::bigint
  FROM users u, jsonb_array_elements(u.user_tenants) t, jsonb_array_elements_text(t->'roleNames') tr
  ON CONFLICT DO NOTHING;
INSERT INTO tenants
    (project_id, tenant_id, name, self_provisioning_domains, custom_attributes, disabled, created_at)
  SELECT u.project_id, t->>'tenantId', coalesce(max(t->>'tenantName'), t->>'tenantId'), '[]', '{}', false,
    (extract(epoch FROM now()) * 1000)::bigint
  FROM users u, jsonb_array_elements(u.user_tenants) t
  GROUP BY u.project_id, t->>'tenantId'
  ON CONFLICT DO NOTHING;

CREATE INDEX users_email ON users (project_id, email);
CREATE INDEX users_phone ON users (project_id, phone);
CREATE INDEX users_updated_at ON users (project_id, updated_at);
`,
  },
  {
    version: 9,
    name: 'login activity counters',
    // Mirrors SQLite's migration 9 (per-minute activity counters). Does not depend on migration 8.
    sql: `
CREATE TABLE activity_counts (
  project_id text COLLATE "C" NOT NULL,
  minute     bigint NOT NULL,
  metric     text COLLATE "C" NOT NULL,
  count      bigint NOT NULL,
  last_at    bigint NOT NULL,
  PRIMARY KEY (project_id, minute, metric)
);
CREATE INDEX activity_counts_minute ON activity_counts (minute);
ALTER TABLE pending_auths ADD COLUMN expiry_counted boolean NOT NULL DEFAULT false;
`,
  },
];
