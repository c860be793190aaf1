// @vitest-environment jsdom
// NotpAuthService against the real notp server (port 0, temp SQLite, simulator): Observables, session$ and user$.
import './internal/testing/initTestBed.js';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom, isObservable, type Observable, toArray, zip } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { type NotpSession, NotpAuthService } from './NotpAuthService.js';
import { NotpAuthModule } from './NotpAuthModule.js';
import { provideNotp } from './provideNotp.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
afterEach(() => {
  TestBed.resetTestingModule();
  localStorage.clear();
});

const service = () => {
  TestBed.configureTestingModule({ providers: [provideNotp({ projectId: server.projectId, baseUrl: server.url })] });
  return TestBed.inject(NotpAuthService);
};

/** Collects what an Observable emits until `stop` resolves. */
function record<T>(source: Observable<T>): { values: T[]; stop(): void } {
  const values: T[] = [];
  const subscription = source.subscribe((v) => values.push(v));
  return { values, stop: () => subscription.unsubscribe() };
}

/** Signs in through WhatsApp (simulator) using only the service's Observables. */
async function signIn(auth: NotpAuthService, phone: string) {
  const started = await firstValueFrom(auth.notpSdk.notp.signUpOrIn(''));
  expect(started.ok).toBe(true);
  const { pendingRef, redirectUrl, image } = started.data!;
  expect(image.length).toBeGreaterThan(100);
  const waiting = firstValueFrom(auth.notpSdk.notp.waitForSession(pendingRef, { timeoutMs: 10_000 }));
  expect((await server.sendWhatsApp(phone, messageOf(redirectUrl))).ok).toBe(true);
  const session = await waiting;
  expect(session.ok).toBe(true);
  return session.data!;
}

describe('NotpAuthService', () => {
  it('wraps promise-returning methods (nested notp.* too) as Observables and leaves the others alone', () => {
    const auth = service();
    expect(isObservable(auth.notpSdk.notp.signUpOrIn(''))).toBe(true);
    expect(isObservable(auth.notpSdk.tryRefresh())).toBe(true);
    expect(auth.notpSdk.getSessionToken()).toBe('');
    const unsubscribe = auth.notpSdk.onSessionTokenChange(() => {});
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
  });

  it('signs in with WhatsApp through Observables; session$ and user$ follow, logout clears them', async () => {
    const auth = service();
    const sessions = record(auth.session$);
    const users = record(auth.user$);
    expect(sessions.values).toEqual([{ isAuthenticated: false, isSessionLoading: false, sessionToken: '' }]);

    const jwt = await signIn(auth, '+16505550101');

    expect(sessions.values.at(-1)).toEqual({
      isAuthenticated: true,
      isSessionLoading: false,
      sessionToken: jwt.sessionJwt,
    });
    expect(users.values.at(-1)?.user?.phone).toBe('+16505550101');
    expect(auth.getSessionToken()).toBe(jwt.sessionJwt);

    const out = await firstValueFrom(auth.notpSdk.logout());
    expect(out.ok).toBe(true);
    expect(sessions.values.at(-1)).toEqual({ isAuthenticated: false, isSessionLoading: false, sessionToken: '' });
    expect(users.values.at(-1)?.user).toBeUndefined();
    sessions.stop();
    users.stop();
  });

  it('an SDK call runs once however many subscribe (the Observable replays the one answer)', async () => {
    const auth = service();
    const start = auth.notpSdk.notp.signUpOrIn('');
    const [a, b] = await Promise.all([firstValueFrom(start), firstValueFrom(start)]);
    expect(a.ok).toBe(true);
    expect(a).toBe(b);
  });

  it('surfaces server errors as { ok: false, error } values, never as Observable errors', async () => {
    const auth = service();
    const result = await firstValueFrom(auth.notpSdk.notp.signIn('not a phone or email'));
    expect(result.ok).toBe(false);
    expect(result.error?.errorCode).toMatch(/^E\d{6}$/);
  });

  it('refreshSession + refreshUser (the seed APP_INITIALIZER) restore a stored session in a fresh app', async () => {
    const first = service();
    const jwt = await signIn(first, '+16505550102');
    TestBed.resetTestingModule(); // a page reload: localStorage keeps the refresh token

    const auth = service();
    const sessions = record(auth.session$);
    const [session, user] = await firstValueFrom(zip([auth.refreshSession(), auth.refreshUser()]));

    expect(session.isAuthenticated).toBe(true);
    expect(session.isSessionLoading).toBe(false);
    expect(session.sessionToken).not.toBe('');
    expect(user).toEqual({ user: expect.objectContaining({ userId: jwt.user!.userId }), isUserLoading: false });
    // The loading flag went up during the refresh and down after it.
    expect(sessions.values.some((s: NotpSession) => s.isSessionLoading)).toBe(true);
    expect(sessions.values.at(-1)?.isSessionLoading).toBe(false);
    sessions.stop();
  });

  it('refreshSession/refreshUser while signed out emit the signed-out state and complete', async () => {
    const auth = service();
    const both = await firstValueFrom(zip([auth.refreshSession(), auth.refreshUser()]).pipe(toArray()));
    expect(both).toEqual([
      [
        { isAuthenticated: false, isSessionLoading: false, sessionToken: '' },
        { user: undefined, isUserLoading: false },
      ],
    ]);
  });

  it('NotpAuthModule.forRoot(config) provides the service for module-based apps (the seed app.module.ts)', async () => {
    TestBed.configureTestingModule({
      imports: [NotpAuthModule.forRoot({ projectId: server.projectId, baseUrl: server.url })],
    });
    const auth = TestBed.inject(NotpAuthService);
    const started = await firstValueFrom(auth.notpSdk.notp.signUpOrIn(''));
    expect(started.ok).toBe(true);
  });

  it('without a config, injecting the service says how to provide one', () => {
    expect(() => TestBed.inject(NotpAuthService)).toThrow(/NotpAuthModule\.forRoot\(config\) or provideNotp\(config\)/);
  });
});
