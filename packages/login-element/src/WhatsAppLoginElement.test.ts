// @vitest-environment jsdom
// <notp-whatsapp-login> against a contract-shaped local server: QR and link, success event, expiry and restart, errors.
import { errors, NotpSdk } from '@notp/web-js-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ContractServer, startContractServer, TEST_PROJECT_ID } from '@notp/test-utils/contract';
import { defineWhatsAppLogin, WHATSAPP_LOGIN_TAG, type WhatsAppLoginElement } from './index.js';

let server: ContractServer;
beforeAll(async () => {
  server = await startContractServer();
});
afterAll(() => server.close());
beforeEach(() => {
  localStorage.clear();
  server.requests.length = 0;
});
afterEach(() => {
  document.body.replaceChildren();
});

async function until<T>(check: () => T | undefined | null | false, what: string): Promise<T> {
  const deadline = performance.now() + 5000;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function mount(attrs: Record<string, string>): WhatsAppLoginElement {
  const el = document.createElement(WHATSAPP_LOGIN_TAG);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

const nextEvent = <T>(el: HTMLElement, type: string) =>
  new Promise<CustomEvent<T>>((resolve) =>
    el.addEventListener(type, (e) => resolve(e as CustomEvent<T>), { once: true }),
  );

describe('<notp-whatsapp-login>', () => {
  it('is registered on import and renders into its shadow root', () => {
    expect(customElements.get(WHATSAPP_LOGIN_TAG)).toBeDefined();
  });

  it('shows the QR PNG and the WhatsApp link, long-polls, and emits success with the JWTResponse', async () => {
    const el = mount({ 'project-id': TEST_PROJECT_ID, 'base-url': server.url, 'login-id': '+16505551234' });
    const success = nextEvent<{ sessionJwt: string }>(el, 'success');
    const qr = await until(() => {
      const img = el.shadowRoot?.querySelector<HTMLImageElement>('img.qr');
      return img && !img.hidden ? img : undefined;
    }, 'the QR');
    expect(qr.src).toBe('data:image/png;base64,iVBORw0KGgo=');
    const open = el.shadowRoot!.querySelector<HTMLAnchorElement>('a.open')!;
    expect(open.textContent).toBe('Open WhatsApp');
    expect(open.href).toMatch(/^https:\/\/wa\.me\/15550001111\?text=/);
    expect(el.state).toBe('waiting');
    const start = server.requests.find((r) => r.path === '/v1/auth/notp/whatsapp/signup-in');
    expect(start?.body).toMatchObject({ loginId: '+16505551234' });

    await until(() => server.requests.some((r) => r.path === '/v1/auth/notp/pending-session'), 'the long-poll');
    expect(server.requests.find((r) => r.path === '/v1/auth/notp/pending-session')?.prefer).toMatch(/^wait=/);
    server.verify(server.pendingRefs.at(-1)!);
    const event = await success;
    expect(event.detail.sessionJwt).toBe(localStorage.getItem('DS'));
    expect(el.state).toBe('success');
    expect(qr.hidden).toBe(true);
  });

  it('uses a given SDK instance, so the app hears its hooks', async () => {
    const sdk = NotpSdk({ projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh: false });
    const tokens: (string | null)[] = [];
    sdk.onSessionTokenChange((t) => tokens.push(t));
    const el = document.createElement(WHATSAPP_LOGIN_TAG);
    el.sdk = sdk;
    const success = nextEvent(el, 'success');
    document.body.append(el);
    await until(() => server.requests.some((r) => r.path === '/v1/auth/notp/pending-session'), 'the long-poll');
    server.verify(server.pendingRefs.at(-1)!);
    await success;
    expect(tokens).toHaveLength(1);
  });

  // The seed's `isAuthenticated ? <LoggedIn/> : <WhatsAppLogin/>`: the app removes the element when the session lands,
  // at once (a synchronous subscriber) or a microtask later (React's and Vue's scheduled re-render).
  for (const when of ['synchronously', 'a microtask later'] as const) {
    it(`emits success although the app removed it ${when} on the session change`, async () => {
      const sdk = NotpSdk({ projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh: false });
      const el = document.createElement(WHATSAPP_LOGIN_TAG);
      el.sdk = sdk;
      const order: string[] = [];
      sdk.onSessionTokenChange((token) => {
        order.push('session');
        if (!token) return;
        if (when === 'synchronously') el.remove();
        else queueMicrotask(() => el.remove());
      });
      const success = nextEvent<{ sessionJwt: string }>(el, 'success');
      success.then(() => order.push(el.isConnected ? 'success (connected)' : 'success (removed)'));
      document.body.append(el);
      await until(() => server.requests.some((r) => r.path === '/v1/auth/notp/pending-session'), 'the long-poll');
      server.verify(server.pendingRefs.at(-1)!);
      expect((await success).detail.sessionJwt).toBe(sdk.getSessionToken());
      await until(() => order.length === 2, 'the success event');
      expect(order).toEqual(['session', 'success (removed)']);
      expect(el.state).toBe('success');
    });
  }

  it('server-rendered: started on its attributes, it starts over with the SDK a framework hands it later', async () => {
    const el = document.createElement(WHATSAPP_LOGIN_TAG);
    const failed = nextEvent<{ errorMessage: string }>(el, 'error');
    document.body.append(el); // as parsed from server HTML: no project-id, no sdk yet
    expect((await failed).detail.errorMessage).toMatch(/projectId/);
    const sdk = NotpSdk({ projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh: false });
    const success = nextEvent<{ sessionJwt: string }>(el, 'success');
    el.sdk = sdk; // hydration
    await until(() => el.state === 'waiting', 'a login with the given SDK');
    server.verify(server.pendingRefs.at(-1)!);
    expect((await success).detail.sessionJwt).toBe(sdk.getSessionToken());
  });

  it('keeps an sdk set before the element was defined (upgrade)', async () => {
    const tag = 'notp-late-login';
    const el = document.createElement(tag) as WhatsAppLoginElement;
    const sdk = NotpSdk({ projectId: TEST_PROJECT_ID, baseUrl: server.url, autoRefresh: false });
    el.sdk = sdk;
    document.body.append(el);
    defineWhatsAppLogin(tag);
    expect(el.sdk).toBe(sdk);
    await until(() => el.state === 'waiting', 'a login with the given SDK');
    const success = nextEvent(el, 'success');
    server.verify(server.pendingRefs.at(-1)!);
    await success;
    expect(sdk.getSessionToken()).not.toBe('');
  });

  it('a restart abandons the previous login: only the new one reports', async () => {
    const el = mount({ 'project-id': TEST_PROJECT_ID, 'base-url': server.url });
    await until(() => el.state === 'waiting', 'waiting');
    const first = server.pendingRefs.at(-1)!;
    const refs: string[] = [];
    el.addEventListener('success', (e) => refs.push((e as CustomEvent<{ sessionJwt: string }>).detail.sessionJwt));
    el.restart();
    await until(() => server.pendingRefs.at(-1) !== first && el.state === 'waiting', 'the second login');
    server.verify(server.pendingRefs.at(-1)!);
    await until(() => refs.length === 1, 'the success event');
    expect(refs).toEqual([localStorage.getItem('DS')]);
  });

  it('on expiry shows a restart button that starts a new login', async () => {
    server.failNext('/v1/auth/notp/pending-session', errors.pendingExpired);
    const el = mount({ 'project-id': TEST_PROJECT_ID, 'base-url': server.url });
    const failed = await nextEvent<{ errorCode: string; code: number }>(el, 'error');
    expect(failed.detail).toMatchObject({ errorCode: errors.pendingExpired.code, code: 410 });
    expect(el.state).toBe('expired');
    const restart = el.shadowRoot!.querySelector<HTMLButtonElement>('button.restart')!;
    expect(restart.hidden).toBe(false);
    const startsBefore = server.pendingRefs.length;
    restart.click();
    await until(() => el.state === 'waiting', 'a new pending login');
    expect(server.pendingRefs.length).toBe(startsBefore + 1);
    expect(restart.hidden).toBe(true);
  });

  it('a start error emits error with the catalogue code and shows the message', async () => {
    server.failNext('/v1/auth/notp/whatsapp/signup-in', errors.rateLimited);
    const el = mount({ 'project-id': TEST_PROJECT_ID, 'base-url': server.url });
    const failed = await nextEvent<{ errorCode: string }>(el, 'error');
    expect(failed.detail.errorCode).toBe(errors.rateLimited.code);
    expect(el.state).toBe('error');
    expect(el.shadowRoot!.querySelector('.status')!.textContent).toBe(errors.rateLimited.description);
  });

  it('a missing project id is reported as an error event, not thrown', async () => {
    const el = document.createElement(WHATSAPP_LOGIN_TAG);
    const failed = nextEvent<{ errorMessage: string }>(el, 'error');
    document.body.append(el);
    expect((await failed).detail.errorMessage).toMatch(/projectId/);
  });

  it('removing the element abandons the wait', async () => {
    const el = mount({ 'project-id': TEST_PROJECT_ID, 'base-url': server.url });
    await until(() => el.state === 'waiting', 'waiting');
    let events = 0;
    el.addEventListener('success', () => events++);
    el.addEventListener('error', () => events++);
    el.remove();
    expect(el.state).toBe('idle');
    server.verify(server.pendingRefs.at(-1)!);
    // Proving a negative: give a (wrongly) live wait time to answer; there is no event to await.
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toBe(0);
  });
});
