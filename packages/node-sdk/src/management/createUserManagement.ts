// management.user: create/load/update/patch/delete/search/updatePhone/status/logout, with the management key.
import {
  type AssociatedTenant,
  type HttpClient,
  type MgmtUserRequest,
  type PatchUserOptions,
  routes,
  type SdkResponse,
  toSdkResponse,
  type UserOptions,
  type UserResponse,
  type UserSearchRequest,
  type UserSearchResponse,
} from '@notp/core';

/** Positional form of create/update, as `@descope/node-sdk` still accepts it. */
type PositionalUser = [
  email?: string,
  phone?: string,
  displayName?: string,
  roles?: string[],
  userTenants?: AssociatedTenant[],
  customAttributes?: Record<string, unknown>,
  picture?: string,
  verifiedEmail?: boolean,
  verifiedPhone?: boolean,
  givenName?: string,
  middleName?: string,
  familyName?: string,
  additionalLoginIds?: string[],
];

export interface UserManagement {
  create(loginId: string, options?: UserOptions): Promise<SdkResponse<UserResponse>>;
  create(loginId: string, ...fields: PositionalUser): Promise<SdkResponse<UserResponse>>;
  createTestUser(loginId: string, options?: UserOptions): Promise<SdkResponse<UserResponse>>;
  createTestUser(loginId: string, ...fields: PositionalUser): Promise<SdkResponse<UserResponse>>;
  /** Replaces the user's fields: absent ones are cleared. */
  update(loginIdOrUserId: string, options?: UserOptions): Promise<SdkResponse<UserResponse>>;
  update(loginIdOrUserId: string, ...fields: PositionalUser): Promise<SdkResponse<UserResponse>>;
  /** Changes only the given fields. */
  patch(loginIdOrUserId: string, options: PatchUserOptions): Promise<SdkResponse<UserResponse>>;
  delete(loginIdOrUserId: string): Promise<SdkResponse<Record<string, never>>>;
  deleteByUserId(userId: string): Promise<SdkResponse<Record<string, never>>>;
  load(loginIdOrUserId: string): Promise<SdkResponse<UserResponse>>;
  loadByUserId(userId: string): Promise<SdkResponse<UserResponse>>;
  search(searchReq: UserSearchRequest): Promise<SdkResponse<UserSearchResponse>>;
  /** `phone: ''` removes it; `verified` marks it verified; `failOnConflict` refuses a phone another user verified. */
  updatePhone(
    loginId: string,
    phone: string,
    verified?: boolean,
    failOnConflict?: boolean,
  ): Promise<SdkResponse<UserResponse>>;
  activate(loginId: string): Promise<SdkResponse<UserResponse>>;
  deactivate(loginId: string): Promise<SdkResponse<UserResponse>>;
  logoutUser(loginId: string): Promise<SdkResponse<Record<string, never>>>;
  logoutUserByUserId(userId: string): Promise<SdkResponse<Record<string, never>>>;
}

/** The request field each positional argument fills, in `PositionalUser`'s order (`roles` is sent as `roleNames`). */
const POSITIONAL_FIELDS = [
  'email',
  'phone',
  'displayName',
  'roleNames',
  'userTenants',
  'customAttributes',
  'picture',
  'verifiedEmail',
  'verifiedPhone',
  'givenName',
  'middleName',
  'familyName',
  'additionalLoginIds',
] as const satisfies readonly (keyof MgmtUserRequest)[] & { length: Required<PositionalUser>['length'] };

function userBody(loginId: string, args: unknown[]): MgmtUserRequest {
  const [first] = args;
  if (typeof first === 'string' || args.length > 1) {
    const body: Record<string, unknown> = { loginId };
    POSITIONAL_FIELDS.forEach((field, i) => {
      body[field] = args[i];
    });
    return body as unknown as MgmtUserRequest;
  }
  const { roles, ...options } = (first ?? {}) as UserOptions;
  return { loginId, ...options, roleNames: roles };
}

const pickUser = (body: { user: UserResponse }) => body.user;

export function createUserManagement(http: HttpClient, managementKey: string | undefined): UserManagement {
  const auth = () => {
    if (!managementKey) throw new Error('notp: management calls need the "managementKey" option of NotpClient');
    return { token: managementKey };
  };
  const post = <T>(path: string, body: unknown, pick?: (b: never) => T) => {
    const options = auth();
    return toSdkResponse<T>(() => http.post(path, body, options), pick);
  };
  const load = (query: Record<string, string>) => {
    const options = { ...auth(), queryParams: query };
    return toSdkResponse(() => http.get(routes.mgmt.userLoad, options), pickUser);
  };

  return {
    create: (loginId: string, ...args: unknown[]) => post(routes.mgmt.userCreate, userBody(loginId, args), pickUser),
    createTestUser: (loginId: string, ...args: unknown[]) =>
      post(routes.mgmt.userCreateTest, { ...userBody(loginId, args), test: true }, pickUser),
    update: (loginId: string, ...args: unknown[]) => post(routes.mgmt.userUpdate, userBody(loginId, args), pickUser),
    patch(loginId, options) {
      const { roles, ...rest } = options;
      const body = { loginId, ...rest, ...(roles ? { roleNames: roles } : {}) };
      const auth_ = auth();
      return toSdkResponse(() => http.patch(routes.mgmt.userPatch, body, auth_), pickUser);
    },
    delete: (loginId) => post(routes.mgmt.userDelete, { loginId }),
    deleteByUserId: (userId) => post(routes.mgmt.userDelete, { userId }),
    load: (loginId) => load({ loginId }),
    loadByUserId: (userId) => load({ userId }),
    search(searchReq) {
      const { roles, ...rest } = searchReq;
      return post(routes.mgmt.userSearch, { ...rest, roleNames: roles }, (b: UserSearchResponse) => ({
        users: b.users,
        total: b.total,
      }));
    },
    updatePhone: (loginId, phone, verified, failOnConflict) =>
      post(routes.mgmt.userUpdatePhone, { loginId, phone, verified, failOnConflict }, pickUser),
    activate: (loginId) => post(routes.mgmt.userUpdateStatus, { loginId, status: 'enabled' }, pickUser),
    deactivate: (loginId) => post(routes.mgmt.userUpdateStatus, { loginId, status: 'disabled' }, pickUser),
    logoutUser: (loginId) => post(routes.mgmt.userLogout, { loginId }),
    logoutUserByUserId: (userId) => post(routes.mgmt.userLogout, { userId }),
  } as UserManagement;
}
