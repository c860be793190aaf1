// Wire types of the notp HTTP contract: request bodies and responses, as the public nOTP SDKs see them.
import type { ErrorBody } from '../errors/NotpError.js';

/** User fields that a sign-up may pre-fill. */
export interface User {
  name?: string;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  email?: string;
  phone?: string;
}

export interface UserTenant {
  tenantId: string;
  tenantName?: string;
  roleNames: string[];
}

/** A user as the API returns it (`JWTResponse.user`, `GET /v1/auth/me`, management answers). */
export interface UserResponse {
  loginIds: string[];
  userId: string;
  name?: string;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  email?: string;
  phone?: string;
  verifiedEmail: boolean;
  verifiedPhone: boolean;
  roleNames: string[];
  userTenants: UserTenant[];
  status: 'enabled' | 'disabled' | 'invited';
  externalIds: string[];
  customAttributes: Record<string, unknown>;
  createdTime: number;
  picture?: string;
  test?: boolean;
}

/** What the options of every nOTP start share (sign-in, sign-up, sign-up-or-in, update). */
export interface StartOptionsBase {
  customClaims?: Record<string, unknown>;
  templateOptions?: Record<string, string>;
  templateId?: string;
  /** notp extension: language of the prefilled message and the replies (BCP 47, e.g. `es`). */
  locale?: string;
  /** notp extension: `svg` returns `image` as an SVG document instead of a base64 PNG. */
  qrFormat?: 'png' | 'svg';
}

/** Options of a nOTP sign-in (and, flattened, of sign-up / sign-up-or-in). */
export interface LoginOptions extends StartOptionsBase {
  stepup?: boolean;
  mfa?: boolean;
  tenantId?: string;
}

export interface SignUpOptions extends StartOptionsBase {
  tenantId?: string;
}

export interface NOTPUpdateOptions extends StartOptionsBase {
  /** Also add the new phone to the user's login ids. */
  addToLoginIDs?: boolean;
}

/** Any start's options in one type: what the server reads after a start route's schema checked them. */
export type AnyStartOptions = LoginOptions & SignUpOptions & NOTPUpdateOptions;

/** Answer of every nOTP start route. */
export interface NOTPResponse {
  pendingRef: string;
  redirectUrl: string;
  /** Base64 PNG (no `data:` prefix) of a QR code of `redirectUrl`; an SVG document with `qrFormat: "svg"`. */
  image: string;
}

export interface SignUpRequest {
  loginId: string;
  user?: User;
  loginOptions?: LoginOptions;
  providerId?: string;
}

export interface SignInRequest {
  loginId: string;
  loginOptions?: LoginOptions;
  providerId?: string;
}

export interface UpdateRequest {
  loginId: string;
  phone?: string;
  options?: NOTPUpdateOptions;
}

export interface PendingSessionRequest {
  pendingRef: string;
}

/** Claims of a notp session JWT, as far as the contract fixes them. */
export interface SessionClaims {
  iss: string;
  sub: string;
  iat: number;
  exp: number;
  drn: 'DS';
  amr: string[];
  roles?: string[];
  permissions?: string[];
  tenants?: Record<string, { roles?: string[]; permissions?: string[] }>;
  dct?: string;
  [claim: string]: unknown;
}

/** Answer carrying a new session (pending-session, refresh, tenant select). */
export interface JWTResponse {
  sessionJwt: string;
  refreshJwt?: string;
  cookieDomain: string;
  cookiePath: string;
  cookieMaxAge: number;
  /** Epoch seconds. */
  cookieExpiration: number;
  /** Epoch seconds of the session JWT's `exp`. */
  sessionExpiration: number;
  claims: SessionClaims;
  user?: UserResponse;
  firstSeen?: boolean;
}

export interface JWK {
  kty: string;
  kid: string;
  alg: string;
  use: 'sig';
  [member: string]: unknown;
}

export interface JWKSResponse {
  keys: JWK[];
}

export interface UserHistoryResponse {
  userId: string;
  loginTime: number;
  city: string;
  country: string;
  ip: string;
}

export interface TenantsResponse {
  tenants: { id: string; name: string; customAttributes?: Record<string, unknown> }[];
}

/** What every SDK call resolves with; never thrown. */
export interface SdkResponse<T> {
  ok: boolean;
  /** HTTP status, when a response arrived. */
  code?: number;
  /** The raw fetch Response, when one arrived. */
  response?: Response;
  data?: T;
  error?: ErrorBody;
}

export type { ErrorBody };

/** A validated session (node SDK `validateSession`): the raw JWT, its claims, and Set-Cookie values when refreshed. */
export interface AuthenticationInfo {
  jwt: string;
  token: Record<string, unknown> & { sub?: string; exp?: number; iss?: string; drn?: string };
  cookies?: string[];
  /** Set by refreshSession when the server rotated the refresh JWT. */
  refreshJwt?: string;
}

/** A tenant association in management calls. */
export interface AssociatedTenant {
  tenantId: string;
  roleNames: string[];
}

/** Management user fields, as `management.user.create/update` take them (`@descope/node-sdk` UserOptions). */
export interface UserOptions {
  email?: string;
  phone?: string;
  displayName?: string;
  roles?: string[];
  userTenants?: AssociatedTenant[];
  customAttributes?: Record<string, unknown>;
  picture?: string;
  verifiedEmail?: boolean;
  verifiedPhone?: boolean;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  additionalLoginIds?: string[];
}

/** Management patch: only the given fields change. */
export interface PatchUserOptions extends Omit<UserOptions, 'additionalLoginIds'> {
  status?: UserResponse['status'];
}

/** Body of `POST /v1/mgmt/user/create` (and `/create/test`, `/update`): a management user as the SDKs send it. */
export interface MgmtUserRequest {
  loginId: string;
  email?: string;
  phone?: string;
  /** `name` and `displayName` are both accepted; `name` wins. */
  name?: string;
  displayName?: string;
  givenName?: string;
  middleName?: string;
  familyName?: string;
  roleNames?: string[];
  userTenants?: AssociatedTenant[];
  customAttributes?: Record<string, unknown>;
  picture?: string;
  verifiedEmail?: boolean;
  verifiedPhone?: boolean;
  additionalLoginIds?: string[];
  status?: UserResponse['status'];
  test?: boolean;
}

/** `management.user.search` options (the subset notp filters on; other fields are ignored). */
export interface UserSearchRequest {
  page?: number;
  limit?: number;
  text?: string;
  loginIds?: string[];
  statuses?: UserResponse['status'][];
  roles?: string[];
  tenantIds?: string[];
  withTestUser?: boolean;
}

export interface UserSearchResponse {
  users: UserResponse[];
  total: number;
}
