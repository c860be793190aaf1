// @vitest-environment jsdom
// Vue bindings mounted in jsdom against a contract-shaped local server: plugin, getSdk, composables, WhatsAppLogin.
import { createApp, defineComponent, h, nextTick } from 'vue';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ContractServer, startContractServer, TEST_PROJECT_ID, TEST_USER } from '@notp/test-utils/contract';
import notp, { getSdk, useNotp, useSession, useUser, WhatsAppLogin } from './index.js';

let server: ContractServer;
let container: HTMLDivElement;
let unmount: (() => void) | undefined;
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
  unmount?.();
  container.remove();
});

const Probe = defineComponent({
  setup() {
    const { isAuthenticated, isSessionLoading, sessionToken } = useSession();
    const { user, isUserLoading } = useUser();
    return () =>
      h(
        'p',
        { id: 'probe' },
        `auth=${isAuthenticated.value} loading=${isSessionLoading.value} token=${sessionToken.value ? 'yes' : 'no'} user=${user.value?.name ?? '-'} userLoading=${isUserLoading.value}`,
      );
  },
});

const text = () => container.querySelector('#probe')?.textContent ?? '';

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}; saw "${text()}"`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function mount(root: ReturnType<typeof defineComponent>) {
  const app = createApp(root);
  app.use(notp, { projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh: false });
  app.mount(container);
  unmount = () => app.unmount();
  return app;
}

describe('app.use(notp, options)', () => {
  it('exposes the SDK through getSdk() and useNotp(), and the composables follow a login and logout', async () => {
    let fromComponent: ReturnType<typeof useNotp> | undefined;
    mount(
      defineComponent({
        setup() {
          fromComponent = useNotp();
          return () => h(Probe);
        },
      }),
    );
    const sdk = getSdk();
    expect(sdk).toBe(fromComponent);
    const tokens: (string | null)[] = [];
    sdk?.onSessionTokenChange((t) => tokens.push(t)); // the seed's snippet
    await until(() => text().includes('loading=false'), 'the startup restore');
    expect(text()).toBe('auth=false loading=false token=no user=- userLoading=false');
    expect(server.requests).toHaveLength(0);

    const start = await sdk!.notp.signUpOrIn('+16505551234');
    server.verify(start.data!.pendingRef);
    await sdk!.notp.waitForSession(start.data!.pendingRef);
    await nextTick();
    expect(text()).toBe(`auth=true loading=false token=yes user=${TEST_USER.name} userLoading=false`);
    expect(tokens).toHaveLength(1);

    await sdk!.logout();
    await nextTick();
    expect(text()).toBe('auth=false loading=false token=no user=- userLoading=false');
  });

  it('restores a stored session on install', async () => {
    mount(Probe);
    const sdk = getSdk()!;
    const start = await sdk.notp.signIn('+16505551234');
    server.verify(start.data!.pendingRef);
    await sdk.notp.waitForSession(start.data!.pendingRef);
    unmount?.();

    server.requests.length = 0;
    mount(Probe);
    await until(() => text().startsWith('auth=true loading=false'), 'the restored session');
    expect(server.requests.map((r) => r.path)).toContain('/v1/auth/try-refresh');
  });

  it('a composable without the plugin throws a clear error', () => {
    const app = createApp(Probe);
    let caught: unknown;
    app.config.errorHandler = (err) => {
      caught = err;
    };
    app.mount(container);
    unmount = () => app.unmount();
    expect(String(caught)).toMatch(/app\.use\(notp, options\)/);
  });
});

describe('WhatsAppLogin', () => {
  it('renders the element with the plugin SDK and emits success', async () => {
    const sessions: string[] = [];
    mount(
      defineComponent({
        setup: () => () => [
          h(Probe),
          h(WhatsAppLogin, {
            loginId: '+16505551234',
            onSuccess: (s: { sessionJwt: string }) => sessions.push(s.sessionJwt),
          }),
        ],
      }),
    );
    const element = container.querySelector('notp-whatsapp-login') as HTMLElement & { sdk?: unknown };
    expect(element.getAttribute('login-id')).toBe('+16505551234');
    expect(element.sdk).toBe(getSdk());
    await until(() => server.requests.some((r) => r.path === '/v1/auth/notp/pending-session'), 'the long-poll');
    server.verify(server.pendingRefs.at(-1)!);
    await until(() => sessions.length === 1, 'the success event');
    await until(() => text().startsWith('auth=true'), 'the composables');
  });

  it("the seed's v-if pattern: @success runs although the session change unmounts it", async () => {
    const sessions: string[] = [];
    mount(
      defineComponent({
        setup() {
          const { isAuthenticated } = useSession();
          return () =>
            isAuthenticated.value
              ? h('p', { id: 'logged-in' }, 'Logged in')
              : h(WhatsAppLogin, { onSuccess: (s: { sessionJwt: string }) => sessions.push(s.sessionJwt) });
        },
      }),
    );
    await until(() => server.requests.some((r) => r.path === '/v1/auth/notp/pending-session'), 'the long-poll');
    server.verify(server.pendingRefs.at(-1)!);
    await until(() => sessions.length > 0, 'the success callback');
    await until(() => !!container.querySelector('#logged-in'), 'the logged-in branch');
    expect(container.querySelector('notp-whatsapp-login')).toBeNull();
    expect(sessions).toEqual([localStorage.getItem('DS')]);
  });
});
