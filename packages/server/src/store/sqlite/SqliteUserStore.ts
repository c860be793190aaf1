// Users on SQLite: the record in `users`, its login ids in `user_login_ids` (whose primary key keeps them unique).
import type { SqliteDatabase, SqliteRowParams, SqliteStatement } from './sqliteDatabase.js';
import { LoginIdTakenError, type UserRecord, type UserSearchQuery, type UserStore } from '../ports.js';
import { sqliteColumns, type UserRow, userRecordOf } from '../rows.js';
import { orderByOf } from '../userSearchOrder.js';

const SEARCH_DEFAULT_LIMIT = 100;
const SEARCH_MAX_LIMIT = 1000;

function toUserRow(u: UserRecord): SqliteRowParams<UserRow> {
  return {
    project_id: u.projectId,
    user_id: u.userId,
    login_ids: JSON.stringify(u.loginIds),
    name: u.name ?? null,
    given_name: u.givenName ?? null,
    middle_name: u.middleName ?? null,
    family_name: u.familyName ?? null,
    email: u.email ?? null,
    phone: u.phone ?? null,
    verified_email: u.verifiedEmail ? 1 : 0,
    verified_phone: u.verifiedPhone ? 1 : 0,
    wa_id: u.waId ?? null,
    wa_bsuid: u.waBsuid ?? null,
    role_names: JSON.stringify(u.roleNames),
    user_tenants: JSON.stringify(u.userTenants),
    status: u.status,
    custom_attributes: JSON.stringify(u.customAttributes),
    picture: u.picture ?? null,
    test: u.test ? 1 : 0,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

/** `LIKE` pattern for a case-insensitive substring match, with the wildcard characters escaped. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An array filter as a JSON parameter for `json_each`, or null when absent/empty (= no filter). */
function listParam(values: readonly string[] | undefined): string | null {
  return values && values.length > 0 ? JSON.stringify(values) : null;
}

// A search's WHERE holds only the clauses of the filters given (a "@x IS NULL OR …" clause would hide the indexes
// from SQLite's planner): one statement per filter combination and order, prepared on first use and cached.
const SEARCH_BASE = `u.project_id = @projectId
  AND (@withTestUsers = 1 OR u.test = 0)
  AND (@testUsersOnly = 0 OR u.test = 1)`;

const SEARCH_CLAUSES: Readonly<Record<string, string>> = {
  userIds: 'u.user_id IN (SELECT value FROM json_each(@userIds))',
  emails: 'u.email IN (SELECT value FROM json_each(@emails))',
  phones: 'u.phone IN (SELECT value FROM json_each(@phones))',
  fromCreatedAt: 'u.created_at >= @fromCreatedAt',
  toCreatedAt: 'u.created_at <= @toCreatedAt',
  fromUpdatedAt: 'u.updated_at >= @fromUpdatedAt',
  toUpdatedAt: 'u.updated_at <= @toUpdatedAt',
  customAttributes: `NOT EXISTS (
    SELECT 1 FROM json_each(@customAttributes) f
    WHERE NOT EXISTS (
      SELECT 1 FROM json_each(f.value) v, json_each(u.custom_attributes) a
      WHERE a.key = f.key AND a.type = v.type AND a.value IS v.value))`,
  statuses: 'u.status IN (SELECT value FROM json_each(@statuses))',
  loginIds: `EXISTS (
    SELECT 1 FROM user_login_ids l
    WHERE l.project_id = u.project_id AND l.user_id = u.user_id
      AND l.login_id IN (SELECT value FROM json_each(@loginIds)))`,
  tenantIds: `EXISTS (
    SELECT 1 FROM json_each(u.user_tenants) t
    WHERE json_extract(t.value, '$.tenantId') IN (SELECT value FROM json_each(@tenantIds)))`,
  roleNames: `(EXISTS (SELECT 1 FROM json_each(u.role_names) r WHERE r.value IN (SELECT value FROM json_each(@roleNames)))
    OR EXISTS (
      SELECT 1 FROM json_each(u.user_tenants) t, json_each(json_extract(t.value, '$.roleNames')) tr
      WHERE tr.value IN (SELECT value FROM json_each(@roleNames))))`,
  text: `(lower(u.name) LIKE @text ESCAPE '\\'
    OR lower(u.email) LIKE @text ESCAPE '\\'
    OR lower(u.phone) LIKE @text ESCAPE '\\'
    OR EXISTS (
      SELECT 1 FROM user_login_ids l
      WHERE l.project_id = u.project_id AND l.user_id = u.user_id AND lower(l.login_id) LIKE @text ESCAPE '\\'))`,
};

type SearchParams = Record<string, string | number | null>;

/** The WHERE for the filters present in `params` (non-null), and `params` without the absent ones. */
function searchWhere(params: SearchParams): { key: string; where: string; bound: SearchParams } {
  const bound: SearchParams = {};
  const used: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (name in SEARCH_CLAUSES) {
      if (value === null) continue;
      used.push(name);
    }
    bound[name] = value;
  }
  const where = [SEARCH_BASE, ...used.map((name) => SEARCH_CLAUSES[name])].join('\n  AND ');
  return { key: used.join(','), where, bound };
}

export class SqliteUserStore implements UserStore {
  private readonly insertUser: SqliteStatement;
  private readonly replaceUser: SqliteStatement;
  private readonly insertLoginId: SqliteStatement;
  private readonly deleteLoginIds: SqliteStatement;
  private readonly selectUser: SqliteStatement;
  private readonly selectByLoginId: SqliteStatement;
  private readonly selectByVerifiedPhone: SqliteStatement;
  private readonly deleteUser: SqliteStatement;
  private readonly deleteUserSessions: SqliteStatement;
  private readonly deleteUserHistory: SqliteStatement;
  private readonly searchStatements = new Map<string, SqliteStatement>();
  private readonly db: SqliteDatabase;
  private readonly createTx: (user: UserRecord) => void;
  private readonly replaceTx: (user: UserRecord) => boolean;
  private readonly deleteTx: (projectId: string, userId: string) => boolean;
  private readonly searchTx: (
    params: SearchParams,
    orderBy: string,
    limit: number,
    offset: number,
  ) => { users: UserRecord[]; total: number };

  constructor(db: SqliteDatabase) {
    this.insertUser = db.prepare(`INSERT INTO users (
        project_id, user_id, login_ids, name, given_name, middle_name, family_name, email, phone,
        verified_email, verified_phone, wa_id, wa_bsuid, role_names, user_tenants, status, custom_attributes,
        picture, test, created_at, updated_at)
      VALUES (
        @project_id, @user_id, @login_ids, @name, @given_name, @middle_name, @family_name, @email, @phone,
        @verified_email, @verified_phone, @wa_id, @wa_bsuid, @role_names, @user_tenants, @status, @custom_attributes,
        @picture, @test, @created_at, @updated_at)`);
    this.replaceUser = db.prepare(`UPDATE users SET
        login_ids = @login_ids, name = @name, given_name = @given_name, middle_name = @middle_name,
        family_name = @family_name, email = @email, phone = @phone, verified_email = @verified_email,
        verified_phone = @verified_phone, wa_id = @wa_id, wa_bsuid = @wa_bsuid, role_names = @role_names,
        user_tenants = @user_tenants, status = @status, custom_attributes = @custom_attributes,
        picture = @picture, test = @test, created_at = @created_at, updated_at = @updated_at
      WHERE project_id = @project_id AND user_id = @user_id`);
    // DO NOTHING (rather than an error) tells us which login id was taken without parsing error messages.
    this.insertLoginId = db.prepare(
      'INSERT INTO user_login_ids (project_id, login_id, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.deleteLoginIds = db.prepare('DELETE FROM user_login_ids WHERE project_id = ? AND user_id = ?');
    this.selectUser = db.prepare('SELECT * FROM users WHERE project_id = ? AND user_id = ?');
    this.selectByLoginId = db.prepare(`SELECT u.* FROM user_login_ids l
      JOIN users u ON u.project_id = l.project_id AND u.user_id = l.user_id
      WHERE l.project_id = ? AND l.login_id = ?`);
    this.selectByVerifiedPhone = db.prepare(
      'SELECT * FROM users WHERE project_id = ? AND phone = ? AND verified_phone = 1 ORDER BY created_at, user_id',
    );
    this.deleteUser = db.prepare('DELETE FROM users WHERE project_id = ? AND user_id = ?');
    this.deleteUserSessions = db.prepare('DELETE FROM refresh_sessions WHERE project_id = ? AND user_id = ?');
    this.deleteUserHistory = db.prepare('DELETE FROM login_history WHERE project_id = ? AND user_id = ?');
    this.db = db;

    this.createTx = db.immediateTransaction((user: UserRecord) => {
      this.insertUser.run(toUserRow(user));
      this.insertLoginIdsOf(user);
    });
    this.replaceTx = db.immediateTransaction((user: UserRecord): boolean => {
      if (this.replaceUser.run(toUserRow(user)).changes === 0) return false;
      this.deleteLoginIds.run(user.projectId, user.userId);
      this.insertLoginIdsOf(user);
      return true;
    });
    this.deleteTx = db.immediateTransaction((projectId: string, userId: string): boolean => {
      // user_login_ids go by ON DELETE CASCADE; sessions and history have no foreign key, so they go here.
      if (this.deleteUser.run(projectId, userId).changes === 0) return false;
      this.deleteUserSessions.run(projectId, userId);
      this.deleteUserHistory.run(projectId, userId);
      return true;
    });
    // One read transaction: the page and the total describe the same snapshot.
    this.searchTx = db.readTransaction((params: SearchParams, orderBy: string, limit: number, offset: number) => {
      const { key, where, bound } = searchWhere(params);
      // With an exact-match filter the matches are few: sorting them beats walking an ordering index over every user,
      // which SQLite would otherwise pick to avoid the sort. The unary + keeps the order column's index out of play.
      const selective = ['userIds', 'emails', 'phones', 'loginIds'].some((name) => bound[name] !== undefined);
      const order = selective ? orderBy.replace(/u\./g, '+u.') : orderBy;
      const page = this.searchStatement(
        `page|${key}|${order}`,
        () => `SELECT u.* FROM users u WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
      );
      const count = this.searchStatement(`count|${key}`, () => `SELECT count(*) AS total FROM users u WHERE ${where}`);
      const users = (page.all({ ...bound, limit, offset }) as UserRow[]).map((r) => userRecordOf(r, sqliteColumns));
      const { total } = count.get(bound) as { total: number };
      return { users, total };
    });
  }

  /** A search statement, prepared on first use (the SQL is built from fixed clauses and a whitelisted order only). */
  private searchStatement(key: string, sql: () => string): SqliteStatement {
    let stmt = this.searchStatements.get(key);
    if (!stmt) {
      stmt = this.db.prepare(sql());
      this.searchStatements.set(key, stmt);
    }
    return stmt;
  }

  private insertLoginIdsOf(user: UserRecord): void {
    for (const loginId of new Set(user.loginIds)) {
      if (this.insertLoginId.run(user.projectId, loginId, user.userId).changes === 0) {
        throw new LoginIdTakenError(loginId); // thrown inside the transaction: everything rolls back
      }
    }
  }

  /** Synchronous insert for use inside another transaction (pending-auth verification). Throws LoginIdTakenError. */
  createSync(user: UserRecord): void {
    this.createTx(user);
  }

  /** Synchronous replace for use inside another transaction. Throws LoginIdTakenError. */
  updateSync(user: UserRecord): boolean {
    return this.replaceTx(user);
  }

  async create(user: UserRecord): Promise<void> {
    this.createTx(user);
  }

  async get(projectId: string, userId: string): Promise<UserRecord | null> {
    const row = this.selectUser.get(projectId, userId) as UserRow | undefined;
    return row ? userRecordOf(row, sqliteColumns) : null;
  }

  async getByLoginId(projectId: string, loginId: string): Promise<UserRecord | null> {
    const row = this.selectByLoginId.get(projectId, loginId) as UserRow | undefined;
    return row ? userRecordOf(row, sqliteColumns) : null;
  }

  async findByVerifiedPhone(projectId: string, phone: string): Promise<UserRecord[]> {
    return (this.selectByVerifiedPhone.all(projectId, phone) as UserRow[]).map((r) => userRecordOf(r, sqliteColumns));
  }

  async update(user: UserRecord): Promise<boolean> {
    return this.replaceTx(user);
  }

  async delete(projectId: string, userId: string): Promise<boolean> {
    return this.deleteTx(projectId, userId);
  }

  async search(projectId: string, query: UserSearchQuery): Promise<{ users: UserRecord[]; total: number }> {
    // A missing, zero or negative limit means the default (wire clients send 0 for "unset").
    const limit = Math.min(
      query.limit && query.limit > 0 ? Math.trunc(query.limit) : SEARCH_DEFAULT_LIMIT,
      SEARCH_MAX_LIMIT,
    );
    const page = Math.max(0, Math.trunc(query.page ?? 0));
    const filters = {
      projectId,
      withTestUsers: query.withTestUsers || query.testUsersOnly ? 1 : 0,
      testUsersOnly: query.testUsersOnly ? 1 : 0,
      userIds: listParam(query.userIds),
      emails: listParam(query.emails),
      phones: listParam(query.phones),
      fromCreatedAt: query.fromCreatedAt ?? null,
      toCreatedAt: query.toCreatedAt ?? null,
      fromUpdatedAt: query.fromUpdatedAt ?? null,
      toUpdatedAt: query.toUpdatedAt ?? null,
      customAttributes:
        query.customAttributes && Object.keys(query.customAttributes).length > 0
          ? JSON.stringify(query.customAttributes)
          : null,
      statuses: listParam(query.statuses),
      loginIds: listParam(query.loginIds),
      tenantIds: listParam(query.tenantIds),
      roleNames: listParam(query.roleNames),
      text: query.text ? containsPattern(query.text) : null,
    };
    return this.searchTx(filters, orderByOf(query.sort), limit, query.offset ?? page * limit);
  }
}
