// @vitest-environment jsdom
// The seed's pattern, `isAuthenticated ? <LoggedIn/> : <WhatsAppLogin onSuccess/>`, under React's real scheduling (no act()).
import { createElement, type ReactNode, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ContractServer, startContractServer, TEST_PROJECT_ID } from '@notp/test-utils/contract';
import { AuthProvider, useSession, WhatsAppLogin } from './index.js';

// Not an act() environment: updates flush on React's own microtask, as in a browser (act would batch them to its end).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

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
afterEach(() => {
  root?.unmount();
  root = undefined;
  container.remove();
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const calls: { jwt: string }[] = [];
function Page(): ReactNode {
  const { isAuthenticated } = useSession();
  return isAuthenticated
    ? createElement('p', { id: 'logged-in' }, 'Logged in')
    : createElement(WhatsAppLogin, { onSuccess: (s) => calls.push({ jwt: s.sessionJwt }) });
}

describe('WhatsAppLogin in the seed pattern', () => {
  it('calls onSuccess although the session change unmounts it (StrictMode)', async () => {
    calls.length = 0;
    root = createRoot(container);
    root.render(
      createElement(
        StrictMode,
        null,
        createElement(AuthProvider, { projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh: false }, [
          createElement(Page, { key: 'page' }),
        ]),
      ),
    );
    await until(() => server.requests.some((r) => r.path === '/v1/auth/notp/pending-session'), 'the long-poll');
    expect(server.requests.filter((r) => r.path === '/v1/auth/notp/whatsapp/signup-in')).toHaveLength(1);
    server.verify(server.pendingRefs.at(-1)!);
    await until(() => calls.length > 0, 'onSuccess');
    expect(container.querySelector('notp-whatsapp-login')).toBeNull();
    // Exactly once (StrictMode's double effects add no second listener), with the session the SDK now holds.
    await until(() => !!container.querySelector('#logged-in'), 'the logged-in branch');
    expect(calls.map((c) => c.jwt)).toEqual([localStorage.getItem('DS')]);
  });
});
