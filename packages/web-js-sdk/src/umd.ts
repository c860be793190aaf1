// UMD/IIFE entry: sets the global `Notp(options)` (same as NotpSdk, with the named exports on it), as a classic
// <script> or when imported (`import '@notp/web-js-sdk/umd'`).
import { errors, isTerminalCode } from '@notp/core';
import { createAuthState } from './createAuthState.js';
import { NotpSdk } from './NotpSdk.js';
import { SDK_VERSION } from './sdkVersion.js';

const NotpUmd = Object.assign(NotpSdk, { NotpSdk, createAuthState, errors, isTerminalCode, version: SDK_VERSION });

declare global {
  /** The web SDK as `@notp/web-js-sdk/umd` (or `<script src="…/sdk/web-js-sdk.js">`) defines it. */
  var Notp: typeof NotpUmd;
}

// A classic script's top-level `var Notp` (tsup's globalName) is the global already; a module's is not: set it here.
globalThis.Notp = NotpUmd;

export default NotpUmd;
