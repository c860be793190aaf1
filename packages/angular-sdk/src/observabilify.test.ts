// observabilify: which members become Observables, `this`, live values, cycles.
import { firstValueFrom, isObservable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { observabilify } from './observabilify.js';

describe('observabilify', () => {
  it('turns promise-returning methods, at any depth of plain objects, into Observables of the same value', async () => {
    const sdk = {
      refresh: async (token: string) => ({ ok: true, token }),
      notp: { signUpOrIn: async (loginId: string) => ({ ok: true, loginId }) },
    };
    const wrapped = observabilify(sdk);
    expect(await firstValueFrom(wrapped.refresh('t1'))).toEqual({ ok: true, token: 't1' });
    expect(await firstValueFrom(wrapped.notp.signUpOrIn(''))).toEqual({ ok: true, loginId: '' });
  });

  it('leaves synchronous methods and their results alone, and calls them on the original object', () => {
    const sdk = {
      token: 'abc',
      getSessionToken() {
        return this.token;
      },
      onSessionTokenChange: (cb: (t: string) => void) => {
        cb('x');
        return () => 'unsubscribed';
      },
    };
    const wrapped = observabilify(sdk);
    expect(wrapped.getSessionToken()).toBe('abc');
    expect(isObservable(wrapped.getSessionToken())).toBe(false);
    const seen: string[] = [];
    expect(wrapped.onSessionTokenChange((t) => seen.push(t))()).toBe('unsubscribed');
    expect(seen).toEqual(['x']);
  });

  it('starts the call at once and never calls twice for several subscribers', async () => {
    let calls = 0;
    const wrapped = observabilify({ me: async () => ++calls });
    const user = wrapped.me();
    expect(calls).toBe(1);
    expect(await Promise.all([firstValueFrom(user), firstValueFrom(user)])).toEqual([1, 1]);
    expect(calls).toBe(1);
  });

  it('reads plain values live and survives cycles; class instances are not walked', () => {
    class Client {
      get = async () => 1;
    }
    const sdk: Record<string, unknown> = { version: '1', client: new Client() };
    sdk.self = sdk;
    const wrapped = observabilify(sdk) as Record<string, unknown>;
    sdk.version = '2';
    expect(wrapped.version).toBe('2');
    expect(wrapped.self).toBe(wrapped);
    expect(wrapped.client).toBe(sdk.client);
  });
});
