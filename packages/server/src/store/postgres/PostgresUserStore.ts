// Users on PostgreSQL: the record in `users`, its login ids in `user_login_ids` (whose primary key keeps them unique).
import type pg from 'pg';
import { LoginIdTakenError, type UserRecord, type UserSearchQuery, type UserStore } from '../ports.js';
import { postgresColumns, type UserRow, userRecordOf } from '../rows.js';
import { orderByOf } from '../userSearchOrder.js';
import { inTransaction, type Queryable } from './inTransaction.js';

const SEARCH_DEFAULT_LIMIT = 100;
const SEARCH_MAX_LIMIT = 1000;

/** Column values in the order of USER_COLUMNS; JSON columns as text (pg would turn a JS array into a SQL array). */
export function userValues(u: UserRecord): unknown[] {
  return [
    u.projectId,
    u.userId,
    JSON.stringify(u.loginIds),
    u.name ?? null,
    u.givenName ?? null,
    u.middleName ?? null,
    u.familyName ?? null,
    u.email ?? null,
    u.phone ?? null,
    u.verifiedEmail,
    u.verifiedPhone,
    u.waId ?? null,
    u.waBsuid ?? null,
    JSON.stringify(u.roleNames),
    JSON.stringify(u.userTenants),
    u.status,
    JSON.stringify(u.customAttributes),
    u.picture ?? null,
    u.test,
    u.createdAt,
    u.updatedAt,
  ];
}

/** The columns in the order of `userValues`. */
export const USER_COLUMNS = `project_id, user_id, login_ids, name, given_name, middle_name, family_name, email, phone,
    verified_email, verified_phone, wa_id, wa_bsuid, role_names, user_tenants, status, custom_attributes,
    picture, test, created_at, updated_at`;

/** The SQL types of USER_COLUMNS, for a statement whose parameters PostgreSQL cannot infer (INSERT … SELECT). */
export const USER_COLUMN_TYPES: readonly string[] = `text text jsonb text text text text text text
  boolean boolean text text jsonb jsonb text jsonb text boolean bigint bigint`.split(/\s+/);

const INSERT_USER = `INSERT INTO users (${USER_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`;

const REPLACE_USER = `UPDATE users SET
    login_ids = $3, name = $4, given_name = $5, middle_name = $6, family_name = $7, email = $8, phone = $9,
    verified_email = $10, verified_phone = $11, wa_id = $12, wa_bsuid = $13, role_names = $14, user_tenants = $15,
    status = $16, custom_attributes = $17, picture = $18, test = $19, created_at = $20, updated_at = $21
  WHERE project_id = $1 AND user_id = $2`;

// DO NOTHING (rather than an error) tells us which login id was taken without parsing error messages; a concurrent
// inserter of the same id waits for our commit and then finds it taken.
const INSERT_LOGIN_ID =
  'INSERT INTO user_login_ids (project_id, login_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING';

/** Inserts the user's login ids inside the caller's transaction; throws LoginIdTakenError (the caller rolls back). */
async function insertLoginIds(client: Queryable, user: UserRecord): Promise<void> {
  // Sorted: two transactions taking overlapping sets of ids lock them in the same order, so they cannot deadlock.
  for (const loginId of [...new Set(user.loginIds)].sort()) {
    const r = await client.query({
      name: 'user_login_id_insert',
      text: INSERT_LOGIN_ID,
      values: [user.projectId, loginId, user.userId],
    });
    if (r.rowCount === 0) throw new LoginIdTakenError(loginId);
  }
}

/** Inserts a user and its login ids on `client`, which must be inside a transaction. Throws LoginIdTakenError. */
async function insertUserIn(client: Queryable, user: UserRecord): Promise<void> {
  await client.query({ name: 'user_insert', text: INSERT_USER, values: userValues(user) });
  await insertLoginIds(client, user);
}

/** Replaces a user and its login ids on `client` (inside a transaction). False if absent. Throws LoginIdTakenError. */
export async function replaceUserIn(client: Queryable, user: UserRecord): Promise<boolean> {
  const r = await client.query({ name: 'user_replace', text: REPLACE_USER, values: userValues(user) });
  if (r.rowCount === 0) return false;
  await client.query({
    name: 'user_login_ids_delete',
    text: 'DELETE FROM user_login_ids WHERE project_id = $1 AND user_id = $2',
    values: [user.projectId, user.userId],
  });
  await insertLoginIds(client, user);
  return true;
}

/** `LIKE` pattern for a case-insensitive substring match, with the wildcard characters escaped. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An array filter, or null when absent/empty (= no filter). */
function listParam(values: readonly string[] | undefined): string[] | null {
  return values && values.length > 0 ? [...values] : null;
}

// One static WHERE clause for every search: a null parameter switches its filter off, so the plan is reused.
// $1 project, $2 with test users, $3 statuses, $4 login ids, $5 tenant ids, $6 role names, $7 text pattern,
// ($8, $9 limit and offset), $10 test users only, $11 user ids, $12 emails, $13 phones, $14–$17 created/updated
// from/to (epoch ms), $18 custom attributes ({ name: [values] } as jsonb).
const SEARCH_WHERE = `
  u.project_id = $1
  AND ($2::boolean OR NOT u.test)
  AND (NOT $10::boolean OR u.test)
  AND ($11::text[] IS NULL OR u.user_id = ANY($11::text[]))
  AND ($12::text[] IS NULL OR u.email = ANY($12::text[]))
  AND ($13::text[] IS NULL OR u.phone = ANY($13::text[]))
  AND ($14::bigint IS NULL OR u.created_at >= $14)
  AND ($15::bigint IS NULL OR u.created_at <= $15)
  AND ($16::bigint IS NULL OR u.updated_at >= $16)
  AND ($17::bigint IS NULL OR u.updated_at <= $17)
  AND ($18::jsonb IS NULL OR NOT EXISTS (
    SELECT 1 FROM jsonb_each($18::jsonb) f
    WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(f.value) v WHERE u.custom_attributes -> f.key = v)))
  AND ($3::text[] IS NULL OR u.status = ANY($3::text[]))
  AND ($4::text[] IS NULL OR EXISTS (
    SELECT 1 FROM user_login_ids l
    WHERE l.project_id = u.project_id AND l.user_id = u.user_id AND l.login_id = ANY($4::text[])))
  AND ($5::text[] IS NULL OR EXISTS (
    SELECT 1 FROM jsonb_array_elements(u.user_tenants) t WHERE t->>'tenantId' = ANY($5::text[])))
  AND ($6::text[] IS NULL
    OR u.role_names ?| $6::text[]
    OR EXISTS (SELECT 1 FROM jsonb_array_elements(u.user_tenants) t WHERE (t->'roleNames') ?| $6::text[]))
  AND ($7::text IS NULL
    OR lower(u.name) LIKE $7 ESCAPE '\\'
    OR lower(u.email) LIKE $7 ESCAPE '\\'
    OR lower(u.phone) LIKE $7 ESCAPE '\\'
    OR EXISTS (
      SELECT 1 FROM user_login_ids l
      WHERE l.project_id = u.project_id AND l.user_id = u.user_id AND lower(l.login_id) LIKE $7 ESCAPE '\\'))`;

// One statement, so the page and the total describe the same snapshot; the LEFT JOIN keeps the total when the
// page is empty (then the user columns are null).
const searchSql = (orderBy: string): string => `WITH matched AS (SELECT u.* FROM users u WHERE ${SEARCH_WHERE}),
  total AS (SELECT count(*) AS total FROM matched)
  SELECT total.total, page.* FROM total
  LEFT JOIN LATERAL (SELECT * FROM matched u ORDER BY ${orderBy} LIMIT $8 OFFSET $9) page ON true`;

export class PostgresUserStore implements UserStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(user: UserRecord): Promise<void> {
    await inTransaction(this.pool, (client) => insertUserIn(client, user));
  }

  async get(projectId: string, userId: string): Promise<UserRecord | null> {
    const r = await this.pool.query<UserRow>({
      name: 'user_get',
      text: 'SELECT * FROM users WHERE project_id = $1 AND user_id = $2',
      values: [projectId, userId],
    });
    return r.rows[0] ? userRecordOf(r.rows[0], postgresColumns) : null;
  }

  async getByLoginId(projectId: string, loginId: string): Promise<UserRecord | null> {
    const r = await this.pool.query<UserRow>({
      name: 'user_get_by_login_id',
      text: `SELECT u.* FROM user_login_ids l
        JOIN users u ON u.project_id = l.project_id AND u.user_id = l.user_id
        WHERE l.project_id = $1 AND l.login_id = $2`,
      values: [projectId, loginId],
    });
    return r.rows[0] ? userRecordOf(r.rows[0], postgresColumns) : null;
  }

  async findByVerifiedPhone(projectId: string, phone: string): Promise<UserRecord[]> {
    const r = await this.pool.query<UserRow>({
      name: 'user_find_by_verified_phone',
      text: 'SELECT * FROM users WHERE project_id = $1 AND phone = $2 AND verified_phone ORDER BY created_at, user_id',
      values: [projectId, phone],
    });
    return r.rows.map((row) => userRecordOf(row, postgresColumns));
  }

  async update(user: UserRecord): Promise<boolean> {
    return inTransaction(this.pool, (client) => replaceUserIn(client, user));
  }

  async delete(projectId: string, userId: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // user_login_ids go by ON DELETE CASCADE; sessions and history have no foreign key, so they go here.
      const r = await client.query('DELETE FROM users WHERE project_id = $1 AND user_id = $2', [projectId, userId]);
      if (r.rowCount === 0) return false;
      await client.query('DELETE FROM refresh_sessions WHERE project_id = $1 AND user_id = $2', [projectId, userId]);
      await client.query('DELETE FROM login_history WHERE project_id = $1 AND user_id = $2', [projectId, userId]);
      return true;
    });
  }

  async search(projectId: string, query: UserSearchQuery): Promise<{ users: UserRecord[]; total: number }> {
    // A missing, zero or negative limit means the default (wire clients send 0 for "unset").
    const limit = Math.min(
      query.limit && query.limit > 0 ? Math.trunc(query.limit) : SEARCH_DEFAULT_LIMIT,
      SEARCH_MAX_LIMIT,
    );
    const page = Math.max(0, Math.trunc(query.page ?? 0));
    const orderBy = orderByOf(query.sort);
    const customAttributes =
      query.customAttributes && Object.keys(query.customAttributes).length > 0
        ? JSON.stringify(query.customAttributes)
        : null;
    const r = await this.pool.query<UserRow & { total: number }>({
      // One named (prepared) statement per order; the order is whitelisted, so there are at most a few.
      name: `user_search_${orderBy.replace(/[^A-Za-z_]/g, '_')}`,
      text: searchSql(orderBy),
      values: [
        projectId,
        query.withTestUsers === true || query.testUsersOnly === true,
        listParam(query.statuses),
        listParam(query.loginIds),
        listParam(query.tenantIds),
        listParam(query.roleNames),
        query.text ? containsPattern(query.text) : null,
        limit,
        query.offset ?? page * limit,
        query.testUsersOnly === true,
        listParam(query.userIds),
        listParam(query.emails),
        listParam(query.phones),
        query.fromCreatedAt ?? null,
        query.toCreatedAt ?? null,
        query.fromUpdatedAt ?? null,
        query.toUpdatedAt ?? null,
        customAttributes,
      ],
    });
    const total = r.rows[0]?.total ?? 0;
    const users = r.rows.filter((row) => row.user_id !== null).map((row) => userRecordOf(row, postgresColumns));
    return { users, total };
  }
}
