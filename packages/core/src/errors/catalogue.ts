// The one error catalogue shared by the server and every SDK: stable code, HTTP status, description.
// A published code never changes meaning; retired codes stay listed in RETIRED_CODES and are never reused.

export interface ErrorDef {
  /** Stable wire code, e.g. `E066103`. */
  readonly code: string;
  /** HTTP status the server answers with. */
  readonly status: number;
  /** Stable, human-readable text for this code (the wire's `errorDescription`). */
  readonly description: string;
  /** True when a client that waits for a pending login must stop waiting. */
  readonly terminal?: boolean;
}

const def = (code: string, status: number, description: string, terminal?: boolean): ErrorDef =>
  Object.freeze(terminal ? { code, status, description, terminal } : { code, status, description });

/**
 * Codes shared with the public nOTP SDK ecosystem keep their ecosystem values (clients compare them);
 * notp's own codes live in the E9xxxxx range, grouped by area:
 * E901 auth/project, E902 nOTP login, E903 webhooks, E904 routing/HTTP, E905 providers, E906 client-side (SDK),
 * E907 roles/permissions/tenants, E908 project settings and templates, E909 internal,
 * E910 the admin console's sign-in and sessions.
 */
export const errors = Object.freeze({
  // — request shape (ecosystem codes)
  badRequest: def('E011001', 400, 'Bad request'),
  missingArguments: def('E011002', 400, 'Missing arguments'),
  invalidRequest: def('E011003', 400, 'Invalid request'),
  invalidArguments: def('E011004', 400, 'Invalid arguments'),
  // — users and tokens (ecosystem codes)
  userAlreadyExists: def('E062107', 409, 'User already exists', true),
  userNotFound: def('E062108', 404, 'User not found', true),
  tokenRevoked: def('E064001', 401, 'Token was revoked'),
  notpPending: def('E066103', 401, 'nOTP login not verified yet'),
  mgmtUserNotFound: def('E112102', 404, 'User not found'),
  rateLimited: def('E130429', 429, 'Too many requests'),

  // — E901: project and credentials
  projectUnknown: def('E901001', 401, 'Unknown or missing project id'),
  invalidToken: def('E901002', 401, 'Invalid token'),
  managementKeyInvalid: def('E901003', 401, 'Invalid management key'),
  refreshTokenRequired: def('E901004', 401, 'A valid refresh token is required for this request'),
  userDisabled: def('E901005', 403, 'User is disabled', true),
  loginIdNotOwned: def('E901006', 403, 'The login id does not belong to the signed-in user'),
  phoneInUse: def('E901007', 409, 'The phone number belongs to another user', true),
  authManagementKeyRequired: def('E901010', 403, "This request needs the project's auth management key"),

  // — E902: nOTP pending logins
  pendingUnknown: def('E902001', 404, 'Unknown pending login reference', true),
  pendingExpired: def('E902002', 410, 'The login request expired', true),
  pendingAlreadyUsed: def('E902003', 410, 'The login was already completed', true),
  senderMismatch: def('E902004', 403, 'The WhatsApp message came from a different phone number', true),
  loginDeclined: def('E902005', 403, 'The user declined this login in WhatsApp', true),
  phoneWithheld: def('E902006', 422, 'WhatsApp withheld the phone number this login needs', true),

  // — E903: webhooks
  webhookSignatureInvalid: def('E903001', 401, 'Missing or invalid webhook signature'),
  webhookVerifyTokenInvalid: def('E903002', 403, 'Invalid webhook verification token'),

  // — E904: routing and HTTP framing
  routeNotFound: def('E904001', 404, 'Route not found'),
  methodNotAllowed: def('E904002', 405, 'Method not allowed'),
  payloadTooLarge: def('E904003', 413, 'Request body too large'),
  unsupportedMediaType: def('E904004', 415, 'Unsupported content type'),
  malformedUrl: def('E904005', 400, 'Malformed URL'),
  urlTooLong: def('E904006', 414, 'URL too long'),
  headersTooLarge: def('E904007', 431, 'Request headers too large'),
  requestTimeout: def('E904008', 408, 'The request did not arrive in time'),
  malformedHttp: def('E904009', 400, 'Malformed HTTP request'),

  // — E905: WhatsApp providers
  providerError: def('E905001', 502, 'The WhatsApp provider failed'),

  // — E908: project settings and templates
  invalidProjectSettings: def('E908001', 400, 'Invalid project settings'),
  invalidMessageTemplate: def('E908002', 400, 'Invalid message template'),
  invalidProjectName: def('E908003', 400, 'Invalid project name'),
  projectChangeConflict: def('E908004', 409, 'The project changed during this update'),

  // — E906: client-side failures surfaced by the SDKs (never sent by the server)
  clientTimeout: def('E906001', 408, 'Timed out waiting for the session'),
  clientAborted: def('E906002', 499, 'The request was aborted'),
  clientNetwork: def('E906003', 503, 'Network error reaching the notp server'),
  clientBadResponse: def('E906004', 502, 'The server answered with an unreadable body'),

  // — E907: roles, permissions, tenants
  permissionNotFound: def('E907001', 404, 'Permission not found'),
  permissionExists: def('E907002', 409, 'A permission with this name already exists'),
  roleNotFound: def('E907003', 404, 'Role not found'),
  roleExists: def('E907004', 409, 'A role with this name already exists'),
  tenantNotFound: def('E907005', 404, 'Tenant not found'),
  tenantExists: def('E907006', 409, 'A tenant with this id already exists'),
  builtinRoleProtected: def('E907007', 403, 'The built-in role cannot be deleted or renamed'),

  // — E910: the admin console's sign-in and sessions
  consoleNotAdmin: def('E910001', 403, 'This account is not an administrator of this project'),
  consoleSessionRequired: def('E910002', 401, 'Sign in to the console first (no valid console session)'),
  consoleCsrfInvalid: def('E910003', 403, 'Missing or wrong console CSRF token, or a foreign Origin'),

  // — E909: internal
  internal: def('E909999', 500, 'Internal server error'),
} satisfies Record<string, ErrorDef>);

export type ErrorName = keyof typeof errors;

/** Codes that were published once and retired: never reuse them for a new meaning. */
export const RETIRED_CODES: readonly string[] = Object.freeze([]);

const byCode: ReadonlyMap<string, ErrorDef> = new Map(Object.values(errors).map((e) => [e.code, e]));

/** The catalogue entry for a wire code, if it is one of ours. */
export function errorByCode(code: string): ErrorDef | undefined {
  return byCode.get(code);
}

/** True when a pending-session answer with this code means "stop waiting" (expired, used, declined, …). */
export function isTerminalCode(code: string | undefined): boolean {
  return code !== undefined && byCode.get(code)?.terminal === true;
}
