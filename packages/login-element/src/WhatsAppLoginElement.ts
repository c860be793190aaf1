// WhatsAppLoginElement: <notp-whatsapp-login>: starts sign-up-or-in, shows the QR and link, waits, emits success/error.
import {
  type ErrorBody,
  errors,
  type JWTResponse,
  NotpSdk,
  type NotpSdkInstance,
  type NOTPResponse,
  type SignUpOptions,
} from '@notp/web-js-sdk';
import { loginElementStyles } from './loginElementStyles.js';

export const WHATSAPP_LOGIN_TAG = 'notp-whatsapp-login';

/** Where the element is in the login. */
export type WhatsAppLoginState = 'idle' | 'starting' | 'waiting' | 'success' | 'expired' | 'error';

/** Detail of the `error` event: the SDK's error body plus the HTTP status, when one arrived. */
export interface WhatsAppLoginErrorDetail extends ErrorBody {
  code?: number;
}

export interface WhatsAppLoginElement extends HTMLElement {
  /** An SDK instance to use (e.g. the app's, so its hooks fire); else one is made from the attributes. */
  sdk: NotpSdkInstance | undefined;
  readonly state: WhatsAppLoginState;
  /** Starts a new login (the previous one, if any, is abandoned). */
  restart(): void;
}

/** Ends the wait without a message: a pending login that ran out, or our own wait deadline. */
const EXPIRED_CODES = new Set([errors.pendingExpired.code, errors.clientTimeout.code, errors.pendingUnknown.code]);

const OBSERVED = ['project-id', 'base-url', 'login-id', 'qr-format', 'locale'] as const;

/**
 * Builds the element class on demand: `HTMLElement` exists only in browsers, so nothing here runs at import time
 * (the module is safe to import during server rendering).
 */
export function createWhatsAppLoginElementClass(): new () => WhatsAppLoginElement {
  return class NotpWhatsAppLogin extends HTMLElement implements WhatsAppLoginElement {
    static get observedAttributes(): readonly string[] {
      return OBSERVED;
    }

    #sdk: NotpSdkInstance | undefined;
    #ownSdk: { key: string; sdk: NotpSdkInstance } | undefined;
    #state: WhatsAppLoginState = 'idle';
    #run: AbortController | undefined;
    readonly #root: ShadowRoot;
    readonly #view: {
      qr: HTMLImageElement;
      hint: HTMLParagraphElement;
      link: HTMLAnchorElement;
      open: HTMLAnchorElement;
      status: HTMLParagraphElement;
      restart: HTMLButtonElement;
    };

    constructor() {
      super();
      // A framework may have set `sdk` before the element was defined (an own property then hides the accessor).
      if (Object.hasOwn(this, 'sdk')) {
        const early = (this as { sdk?: NotpSdkInstance }).sdk;
        delete (this as { sdk?: NotpSdkInstance }).sdk;
        this.#sdk = early;
      }
      this.#root = this.attachShadow({ mode: 'open' });
      const doc = this.ownerDocument;
      const style = doc.createElement('style');
      style.textContent = loginElementStyles;
      const box = doc.createElement('div');
      box.className = 'box';
      box.setAttribute('part', 'container');
      const title = doc.createElement('p');
      title.className = 'title';
      title.textContent = 'Log in with WhatsApp';
      const qr = doc.createElement('img');
      qr.className = 'qr';
      qr.setAttribute('part', 'qr');
      qr.alt = 'QR code: scan it with your phone to open WhatsApp';
      qr.hidden = true;
      const hint = doc.createElement('p');
      hint.className = 'hint';
      hint.textContent = 'Scan the code with your phone, then send the message WhatsApp opens with.';
      hint.hidden = true;
      const link = doc.createElement('a');
      link.className = 'link';
      link.setAttribute('part', 'link');
      link.textContent = 'Or open WhatsApp on this device';
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.hidden = true;
      const open = doc.createElement('a');
      open.className = 'open';
      open.setAttribute('part', 'open-button');
      open.setAttribute('role', 'button');
      open.textContent = 'Open WhatsApp';
      open.hidden = true;
      const status = doc.createElement('p');
      status.className = 'status';
      status.setAttribute('role', 'status');
      status.setAttribute('aria-live', 'polite');
      const restart = doc.createElement('button');
      restart.type = 'button';
      restart.className = 'restart';
      restart.setAttribute('part', 'restart');
      restart.textContent = 'Start again';
      restart.hidden = true;
      restart.addEventListener('click', () => this.restart());
      box.append(title, qr, hint, link, open, status, restart);
      this.#root.append(style, box);
      this.#view = { qr, hint, link, open, status, restart };
    }

    get sdk(): NotpSdkInstance | undefined {
      return this.#sdk;
    }

    set sdk(value: NotpSdkInstance | undefined) {
      if (value === this.#sdk) return;
      this.#sdk = value;
      // Server-rendered HTML: the element starts on its attributes before hydration hands it the app's SDK. A login
      // under another SDK would not reach the app's session state: start over with the new one (not after success).
      if (this.isConnected && this.#state !== 'idle' && this.#state !== 'success') this.restart();
    }

    get state(): WhatsAppLoginState {
      return this.#state;
    }

    connectedCallback(): void {
      // A microtask later: frameworks (React's ref effects, Vue) set the `sdk` property right after insertion.
      queueMicrotask(() => {
        if (this.isConnected && this.#state === 'idle') this.restart();
      });
    }

    disconnectedCallback(): void {
      // Stops the wait, but a session that already landed still gets its `success` event (see #login).
      this.#run?.abort();
      this.#state = 'idle';
    }

    attributeChangedCallback(_name: string, oldValue: string | null, newValue: string | null): void {
      // A new login id or project means a new login; before connection there is nothing to restart.
      if (oldValue !== newValue && this.isConnected && this.#state !== 'idle' && this.#state !== 'success') {
        this.restart();
      }
    }

    restart(): void {
      this.#run?.abort();
      const run = new AbortController();
      this.#run = run;
      void this.#login(run);
    }

    #resolveSdk(): NotpSdkInstance {
      if (this.#sdk) return this.#sdk;
      const projectId = this.getAttribute('project-id') ?? '';
      const baseUrl = this.getAttribute('base-url') ?? undefined;
      const key = `${projectId}\n${baseUrl ?? ''}`;
      if (this.#ownSdk?.key !== key) this.#ownSdk = { key, sdk: NotpSdk({ projectId, baseUrl }) };
      return this.#ownSdk.sdk;
    }

    async #login(run: AbortController): Promise<void> {
      const { signal } = run;
      this.#show('starting');
      let sdk: NotpSdkInstance;
      try {
        sdk = this.#resolveSdk();
      } catch (err) {
        // A developer's mistake (e.g. no project-id): say so on the page and in the event, not as an uncaught error.
        const message = err instanceof Error ? err.message : String(err);
        return this.#fail({
          errorCode: errors.invalidArguments.code,
          errorDescription: message,
          errorMessage: message,
        });
      }
      const options: SignUpOptions = {};
      if (this.getAttribute('qr-format') === 'svg') options.qrFormat = 'svg';
      const locale = this.getAttribute('locale');
      if (locale) options.locale = locale;
      const start = await sdk.notp.signUpOrIn(this.getAttribute('login-id') ?? '', options);
      if (signal.aborted) return;
      if (!start.ok || !start.data) return this.#fail(start.error, start.code);
      this.#showPending(start.data);

      const session = await sdk.notp.waitForSession(start.data.pendingRef, { signal });
      // A restart replaced this run: its outcome is nobody's business any more.
      if (this.#run !== run) return;
      // The session landed in the SDK, and its subscribers may already have removed this element (the seed's
      // `isAuthenticated ? <LoggedIn/> : <WhatsAppLogin/>`): the login happened, so `success` is still dispatched.
      if (session.ok && session.data) return this.#succeed(session.data);
      if (signal.aborted) return;
      if (session.error && EXPIRED_CODES.has(session.error.errorCode)) return this.#expire(session.error, session.code);
      this.#fail(session.error, session.code);
    }

    #showPending(pending: NOTPResponse): void {
      const { qr, hint, link, open } = this.#view;
      qr.src = pending.image.trimStart().startsWith('<')
        ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(pending.image)}`
        : `data:image/png;base64,${pending.image}`;
      link.href = pending.redirectUrl;
      open.href = pending.redirectUrl;
      qr.hidden = hint.hidden = link.hidden = open.hidden = false;
      this.#show('waiting', 'Waiting for your WhatsApp message…');
    }

    #succeed(session: JWTResponse): void {
      this.#hidePending();
      this.#show('success', 'You are logged in.');
      this.dispatchEvent(new CustomEvent<JWTResponse>('success', { detail: session, bubbles: true, composed: true }));
    }

    #expire(error: ErrorBody, code: number | undefined): void {
      this.#hidePending();
      this.#show('expired', 'This login request expired.', true);
      this.#emitError(error, code);
    }

    #fail(error: ErrorBody | undefined, code?: number): void {
      const body = error ?? {
        errorCode: errors.internal.code,
        errorDescription: errors.internal.description,
        errorMessage: errors.internal.description,
      };
      this.#hidePending();
      this.#show('error', body.errorMessage || body.errorDescription, true);
      this.#emitError(body, code);
    }

    #emitError(error: ErrorBody, code: number | undefined): void {
      const detail: WhatsAppLoginErrorDetail = code === undefined ? { ...error } : { ...error, code };
      this.dispatchEvent(new CustomEvent('error', { detail, bubbles: true, composed: true }));
    }

    #hidePending(): void {
      const { qr, hint, link, open } = this.#view;
      qr.hidden = hint.hidden = link.hidden = open.hidden = true;
    }

    #show(state: WhatsAppLoginState, message = '', canRestart = false): void {
      this.#state = state;
      this.setAttribute('state', state);
      const { status, restart } = this.#view;
      status.textContent = message;
      status.classList.toggle('error', state === 'error' || state === 'expired');
      restart.hidden = !canRestart;
    }
  };
}

/** Registers the element under `tagName` (once; later calls are no-ops). Does nothing where there is no DOM. */
export function defineWhatsAppLogin(tagName: string = WHATSAPP_LOGIN_TAG): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  customElements.define(tagName, createWhatsAppLoginElementClass());
}
