// UMD/IIFE entry: a plain <script> gets the global `Notp(options)` (same as NotpSdk) with the named exports on it.
import { errors, isTerminalCode } from '@notp/core';
import { createAuthState } from './createAuthState.js';
import { NotpSdk } from './NotpSdk.js';
import { SDK_VERSION } from './sdkVersion.js';

export default Object.assign(NotpSdk, { NotpSdk, createAuthState, errors, isTerminalCode, version: SDK_VERSION });
