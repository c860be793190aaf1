// Store ports for users: the user record, user search and the user store.
// Same rules as every store port (see store/ports.ts): times are epoch ms, every method is async, "not found" is a
// return value, never a throw.

export interface UserTenantRecord {
  tenantId: string;
  tenantName?: string;
  roleNames: string[];
}

export interface UserRecord {
  projectId: string;
  userId: string;
  /** Unique per project (enforced by the store); phones in E.164. */
  loginIds: string[];
  name?: string;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  email?: string;
  phone?: string;
  verifiedEmail: boolean;
  verifiedPhone: boolean;
  /** WhatsApp's wa_id of the verified phone, as received (may differ from E.164 digits: MX 521…, BR 12 digits). */
  waId?: string;
  /** WhatsApp business-scoped user id (BSUID), when seen. */
  waBsuid?: string;
  roleNames: string[];
  userTenants: UserTenantRecord[];
  status: 'enabled' | 'disabled' | 'invited';
  customAttributes: Record<string, unknown>;
  picture?: string;
  test: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Orders of a user search (a whitelist: each maps to an indexed or cheap column). */
export type UserSortField = 'createdTime' | 'modifiedTime' | 'name' | 'email' | 'phone' | 'status' | 'userId';
export const USER_SORT_FIELDS: readonly UserSortField[] = Object.freeze([
  'createdTime',
  'modifiedTime',
  'name',
  'email',
  'phone',
  'status',
  'userId',
]);

/** Filters combine with AND; an absent or empty list is no filter. */
export interface UserSearchQuery {
  /** Match any of these login ids exactly. */
  loginIds?: string[];
  /** Match any of these user ids. */
  userIds?: string[];
  /** Match any of these emails exactly (as stored: lower-cased). */
  emails?: string[];
  /** Match any of these phones exactly (E.164). */
  phones?: string[];
  /** Substring match over name, email, phone and login ids (case-insensitive). */
  text?: string;
  statuses?: UserRecord['status'][];
  tenantIds?: string[];
  /** Project roles, or roles in any tenant. */
  roleNames?: string[];
  /** Per attribute, the values it may have (JSON equality, type included); every attribute must match. */
  customAttributes?: Record<string, unknown[]>;
  /** Epoch ms, inclusive bounds on createdAt / updatedAt. */
  fromCreatedAt?: number;
  toCreatedAt?: number;
  fromUpdatedAt?: number;
  toUpdatedAt?: number;
  /** Include test users (default false). */
  withTestUsers?: boolean;
  /** Only test users (implies withTestUsers). */
  testUsersOnly?: boolean;
  /** Default: createdTime ascending; ties always broken by user id. */
  sort?: { field: UserSortField; desc: boolean };
  /** 0-based page of `limit` rows. */
  page?: number;
  /** Rows to skip instead of `page * limit` (for internal batch work). */
  offset?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** Thrown by `users.create`/`users.update` when a login id is already taken in the project. */
export class LoginIdTakenError extends Error {
  constructor(readonly loginId: string) {
    super(`login id already taken: ${loginId}`);
    this.name = 'LoginIdTakenError';
  }
}

export interface UserStore {
  /** Inserts a user. Throws LoginIdTakenError if any login id is taken in the project (atomically: nothing is written). */
  create(user: UserRecord): Promise<void>;
  get(projectId: string, userId: string): Promise<UserRecord | null>;
  getByLoginId(projectId: string, loginId: string): Promise<UserRecord | null>;
  /** Users whose verified phone is `phone` (E.164). */
  findByVerifiedPhone(projectId: string, phone: string): Promise<UserRecord[]>;
  /** Replaces the whole record (matched by projectId+userId). Returns false if the user does not exist. Throws LoginIdTakenError. */
  update(user: UserRecord): Promise<boolean>;
  /** Deletes the user and their refresh sessions and login history. Returns false if absent. */
  delete(projectId: string, userId: string): Promise<boolean>;
  search(projectId: string, query: UserSearchQuery): Promise<{ users: UserRecord[]; total: number }>;
}
