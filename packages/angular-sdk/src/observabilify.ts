// observabilify: the web SDK with every promise-returning method (nested namespaces too) returning an RxJS Observable.
import { from, type Observable } from 'rxjs';

/** `T` with each method that returns a Promise returning an Observable instead; other members unchanged. */
export type Observabilified<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Observable<R>
    : T[K] extends (...args: never[]) => unknown
      ? T[K]
      : T[K] extends object
        ? Observabilified<T[K]>
        : T[K];
};

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * Wraps `target` (the web SDK). The call starts at once, as the promise it wraps would, and the Observable replays its
 * one result: several subscribers never send a request twice, and an unsubscribed call (e.g. `logout()`) still runs.
 * Only plain objects are walked (the SDK's namespaces); values are read live from `target`.
 */
export function observabilify<T extends object>(target: T): Observabilified<T> {
  return wrap(target, new WeakMap()) as Observabilified<T>;
}

function wrap(target: Record<string, unknown> | object, seen: WeakMap<object, object>): object {
  const known = seen.get(target);
  if (known) return known;
  const wrapped: Record<string, unknown> = {};
  seen.set(target, wrapped);
  const source = target as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value === 'function') {
      wrapped[key] = (...args: unknown[]) => {
        const result: unknown = Reflect.apply(value, target, args);
        return isPromiseLike(result) ? from(result) : result;
      };
    } else if (isPlainObject(value)) {
      wrapped[key] = wrap(value, seen);
    } else {
      Object.defineProperty(wrapped, key, { enumerable: true, get: () => source[key] });
    }
  }
  return wrapped;
}
