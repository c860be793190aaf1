// @vitest-environment jsdom
// React bindings rendered in jsdom against a contract-shaped local server: session/user hooks, restore, WhatsAppLogin.
import type { NotpSdkInstance } from '@notp/web-js-sdk';
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ContractServer, startContractServer, TEST_PROJECT_ID, TEST_USER } from '@notp/test-utils/contract';
import { AuthProvider, useNotp, useSession, useUser, WhatsAppLogin } from './index.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let server: ContractServer;
let container: HTMLDivElement;
let root: Root | undefined;
beforeAll(async () => {
  server = await startContractServer();
});
afterAll(() => server.close());
beforeEach(() => {
  localStorage.clear();
  server.requests.length = 0;
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  container.remove();
});

/** Renders the hooks' values as text; hands out the SDK for the test to drive. */
let sdkSeen: NotpSdkInstance | undefined;
function Probe(): ReactNode {
  sdkSeen = useNotp();
  const { isAuthenticated, isSessionLoading, sessionToken } = useSession();
  const { user, isUserLoading } = useUser();
  return createElement(
    'p',
    { id: 'probe' },
    `auth=${isAuthenticated} loading=${isSessionLoading} token=${sessionToken ? 'yes' : 'no'} user=${user?.name ?? '-'} userLoading=${isUserLoading}`,
  );
}

const text = () => container.querySelector('#probe')?.textContent ?? '';

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}; saw "${text()}"`);
    await act(() => new Promise((r) => setTimeout(r, 5)));
  }
}

async function render(children: ReactNode) {
  await act(async () => {
    root = createRoot(container);
    root.render(
      createElement(AuthProvider, { projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh: false }, children),
    );
  });
}

describe('AuthProvider + hooks', () => {
  it('starts signed out (no request without a stored session), then follows a login through the SDK', async () => {
    await render(createElement(Probe));
    await until(() => text().includes('loading=false'), 'the startup restore');
    expect(text()).toBe('auth=false loading=false token=no user=- userLoading=false');
    expect(server.requests).toHaveLength(0);

    const start = await sdkSeen!.notp.signUpOrIn('+16505551234');
    const waiting = sdkSeen!.notp.waitForSession(start.data!.pendingRef);
    server.verify(start.data!.pendingRef);
    await act(async () => void (await waiting));
    expect(text()).toBe(`auth=true loading=false token=yes user=${TEST_USER.name} userLoading=false`);

    await act(async () => void (await sdkSeen!.logout()));
    expect(text()).toBe('auth=false loading=false token=no user=- userLoading=false');
  });

  it('restores a stored session on mount (refresh), like a page reload', async () => {
    await render(createElement(Probe));
    const start = await sdkSeen!.notp.signIn('+16505551234');
    server.verify(start.data!.pendingRef);
    await act(async () => void (await sdkSeen!.notp.waitForSession(start.data!.pendingRef)));
    await act(async () => root?.unmount());

    server.requests.length = 0;
    await render(createElement(Probe));
    await until(() => text().startsWith('auth=true loading=false'), 'the restored session');
    expect(server.requests.map((r) => r.path)).toContain('/v1/auth/try-refresh');
    expect(text()).toContain(`user=${TEST_USER.name}`);
  });

  it('useNotp outside the provider throws a clear error', async () => {
    root = createRoot(container);
    await expect(act(async () => root!.render(createElement(Probe)))).rejects.toThrow(/inside <AuthProvider>/);
  });
});

describe('WhatsAppLogin', () => {
  it('renders the element with the provider SDK and calls onSuccess; the session hooks update', async () => {
    const sessions: string[] = [];
    await render([
      createElement(Probe, { key: 'p' }),
      createElement(WhatsAppLogin, {
        key: 'w',
        loginId: '+16505551234',
        onSuccess: (s) => sessions.push(s.sessionJwt),
      }),
    ]);
    const element = container.querySelector('notp-whatsapp-login');
    expect(element?.getAttribute('login-id')).toBe('+16505551234');
    await until(() => server.requests.some((r) => r.path === '/v1/auth/notp/pending-session'), 'the long-poll');
    server.verify(server.pendingRefs.at(-1)!);
    await until(() => sessions.length === 1, 'onSuccess');
    await until(() => text().startsWith('auth=true'), 'the session hooks');
    expect(sdkSeen!.getSessionToken()).toBe(sessions[0]);
  });
});
