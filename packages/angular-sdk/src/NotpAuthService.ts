// NotpAuthService: the web SDK for Angular: `notpSdk` (Observables), `session$` / `user$` state, refreshSession/refreshUser.
import { DestroyRef, Injectable, inject } from '@angular/core';
import NotpSdk, {
  type AuthSnapshot,
  type AuthState,
  createAuthState,
  type NotpSdkInstance,
  type UserResponse,
} from '@notp/web-js-sdk';
import { BehaviorSubject, from, type Observable, shareReplay } from 'rxjs';
import { NOTP_AUTH_CONFIG } from './NotpAuthConfig.js';
import { type Observabilified, observabilify } from './observabilify.js';

/** The session as components see it. */
export interface NotpSession {
  isAuthenticated: boolean;
  isSessionLoading: boolean;
  /** The session JWT, or `''` when signed out. */
  sessionToken: string;
}

/** The signed-in user as components see it. */
export interface NotpUser {
  user: UserResponse | undefined;
  isUserLoading: boolean;
}

@Injectable({ providedIn: 'root' })
export class NotpAuthService {
  /** The web SDK; its promise-returning methods (`notp.*` too) return Observables: `.subscribe()` to read the result. */
  readonly notpSdk: Observabilified<NotpSdkInstance>;
  /** Emits the current session at once and on every change. */
  readonly session$: Observable<NotpSession>;
  /** Emits the current user at once and on every change. */
  readonly user$: Observable<NotpUser>;

  private readonly sdk: NotpSdkInstance;
  private readonly state: AuthState;
  private readonly sessionSubject: BehaviorSubject<NotpSession>;
  private readonly userSubject: BehaviorSubject<NotpUser>;
  private sessionLoads = 0;
  private userLoads = 0;
  private sessionRefresh: Promise<unknown> | undefined;

  constructor() {
    const config = inject(NOTP_AUTH_CONFIG, { optional: true });
    if (!config) {
      throw new Error('notp: no config: add NotpAuthModule.forRoot(config) or provideNotp(config) to the providers');
    }
    const { interceptUrls: _interceptorOnly, ...options } = config;
    this.sdk = NotpSdk(options);
    this.notpSdk = observabilify(this.sdk);

    // The SDK's own state (stored token checked for expiry, remembered user); the loading flags are this service's.
    this.state = createAuthState(this.sdk);
    this.sessionSubject = new BehaviorSubject(this.session(this.state.getSnapshot()));
    this.userSubject = new BehaviorSubject(this.user(this.state.getSnapshot()));
    const unsubscribe = this.state.subscribe(() => this.publish());
    inject(DestroyRef).onDestroy(() => {
      unsubscribe();
      this.state.dispose();
    });
    this.session$ = this.sessionSubject.asObservable();
    this.user$ = this.userSubject.asObservable();
  }

  /** The current session JWT, or `''` (what `notpInterceptor` sends). */
  getSessionToken(): string {
    return this.sdk.getSessionToken();
  }

  /**
   * Restores or renews the session from the refresh token (no request when this browser never signed in).
   * Starts at once; emits the session state once the answer is in, then completes. Never errors.
   */
  refreshSession(): Observable<NotpSession> {
    const refresh = this.loading('session', this.sdk.tryRefresh());
    this.sessionRefresh = refresh;
    return from(refresh.then(() => this.sessionSubject.value)).pipe(shareReplay(1));
  }

  /**
   * Loads the signed-in user (`GET /v1/auth/me`), after any session refresh in flight (a rotated refresh token must
   * not be used twice); no request when signed out. Emits the user state, then completes. Never errors.
   */
  refreshUser(): Observable<NotpUser> {
    const load = async () => {
      await this.sessionRefresh;
      if (this.sdk.getRefreshToken()) await this.sdk.me();
    };
    return from(this.loading('user', load()).then(() => this.userSubject.value)).pipe(shareReplay(1));
  }

  private async loading<T>(kind: 'session' | 'user', pending: Promise<T>): Promise<T> {
    this.count(kind, +1);
    try {
      return await pending;
    } finally {
      this.count(kind, -1);
    }
  }

  private count(kind: 'session' | 'user', delta: number): void {
    if (kind === 'session') this.sessionLoads += delta;
    else this.userLoads += delta;
    this.publish();
  }

  /** Emits only what changed, so `distinctUntilChanged` is not needed downstream. */
  private publish(): void {
    const snapshot = this.state.getSnapshot();
    const session = this.session(snapshot);
    const current = this.sessionSubject.value;
    if (
      session.isAuthenticated !== current.isAuthenticated ||
      session.isSessionLoading !== current.isSessionLoading ||
      session.sessionToken !== current.sessionToken
    ) {
      this.sessionSubject.next(session);
    }
    const user = this.user(snapshot);
    if (user.user !== this.userSubject.value.user || user.isUserLoading !== this.userSubject.value.isUserLoading) {
      this.userSubject.next(user);
    }
  }

  private session(snapshot: AuthSnapshot): NotpSession {
    return {
      isAuthenticated: snapshot.isAuthenticated,
      isSessionLoading: this.sessionLoads > 0,
      sessionToken: snapshot.sessionToken,
    };
  }

  private user(snapshot: AuthSnapshot): NotpUser {
    return { user: snapshot.user, isUserLoading: this.userLoads > 0 };
  }
}
