// @vitest-environment node
// SSR safety: importing and constructing the SDK (and the auth state) on a server touches no browser global.
import { describe, expect, it } from 'vitest';
import { createAuthState, NotpSdk, SERVER_AUTH_SNAPSHOT } from './index.js';
import { TEST_PROJECT_ID } from '@notp/test-utils/contract';

describe('without window, document or localStorage', () => {
  it('constructs, reads empty state and skips the startup refresh', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const sdk = NotpSdk({ projectId: TEST_PROJECT_ID, sessionTokenViaCookie: true });
    expect(sdk.getSessionToken()).toBe('');
    expect(sdk.getUser()).toBeUndefined();
    const state = createAuthState(sdk);
    expect(state.getSnapshot()).toEqual(SERVER_AUTH_SNAPSHOT);
    expect(await sdk.tryRefresh()).toEqual({ ok: true, data: {} });
  });
});
