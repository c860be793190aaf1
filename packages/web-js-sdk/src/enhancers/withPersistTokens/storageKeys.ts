// storageKeys: the storage keys and cookie names of the session (the public web SDK's names, so apps can migrate).

/** Session JWT: localStorage key (after the prefix) and JS cookie name. */
export const SESSION_TOKEN_KEY = 'DS';
/** Refresh JWT: localStorage key (after the prefix). */
export const REFRESH_TOKEN_KEY = 'DSR';
/** Logged-in indicator: the current session's expiry (epoch seconds); its absence skips the refresh at startup. */
export const LOGGED_IN_INDICATOR_KEY = 'DSLI';
