// Paths of the console's sign-in API. Server-local, not in @notp/core's routes: the console is served by this
// server to itself (same origin) and is no part of the wire contract the SDKs speak.
export const consolePaths = Object.freeze({
  project: '/console/api/project',
  session: '/console/api/session',
  sessionKey: '/console/api/session/key',
  sessionLogout: '/console/api/session/logout',
} as const);
