// @vitest-environment jsdom
// The Next provider in jsdom: the session token lands in the DS cookie by default; an explicit false is reported.
import { createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ContractServer, startContractServer, TEST_PROJECT_ID } from '@notp/test-utils/contract';
import { AuthProvider, useSession, WhatsAppLogin } from './client.js';

// Not an act() environment: updates flush on React's own microtask, as in a browser.
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
  document.cookie = 'DS=; Max-Age=0; Path=/';
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  root?.unmount();
  root = undefined;
  container.remove();
  vi.restoreAllMocks();
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const successes: string[] = [];
/** The seed's page: the login component until the session lands, then the logged-in view. */
function SeedPage(): ReactNode {
  const { isAuthenticated } = useSession();
  return isAuthenticated
    ? createElement('p', { id: 'logged-in' }, 'Logged in')
    : createElement(WhatsAppLogin, { onSuccess: (s) => successes.push(s.sessionJwt) });
}

const cookieDS = () => /(?:^|; )DS=([^;]+)/.exec(document.cookie)?.[1];

describe('nextjs-sdk AuthProvider', () => {
  it('keeps the session token in the DS cookie when sessionTokenViaCookie is left out; onSuccess runs', async () => {
    successes.length = 0;
    root = createRoot(container);
    root.render(
      createElement(AuthProvider, { projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh: false }, [
        createElement(SeedPage, { key: 'page' }),
      ]),
    );
    await until(() => server.requests.some((r) => r.path === '/v1/auth/notp/pending-session'), 'the long-poll');
    server.verify(server.pendingRefs.at(-1)!);
    await until(
      () => successes.length > 0 && !!container.querySelector('#logged-in'),
      'onSuccess and the logged-in view',
    );
    expect(cookieDS()).toBe(successes[0]);
    expect(localStorage.getItem('DS')).toBeNull();
  });

  it('an explicit sessionTokenViaCookie={false} is obeyed, with the fix in a development console error', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    root = createRoot(container);
    root.render(
      createElement(AuthProvider, {
        projectId: TEST_PROJECT_ID,
        baseUrl: server.url,
        autoRefresh: false,
        sessionTokenViaCookie: false,
      }),
    );
    await until(() => error.mock.calls.length > 0, 'the console error');
    expect(String(error.mock.calls[0]?.[0])).toMatch(
      /sessionTokenViaCookie=\{false\}.*authMiddleware.*Remove the prop/s,
    );
  });
});
