// KeyValueStorage: the synchronous string store the SDK keeps tokens and the last user in (localStorage by default).

/** The subset of the Web Storage API the SDK uses; pass your own as `customStorage` (e.g. for React Native or tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Per-instance memory storage: the fallback where no `localStorage` exists (SSR, workers). */
export function createMemoryStorage(): KeyValueStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * `window.localStorage`, looked up on each call so that importing or constructing the SDK never touches it (SSR).
 * Access can throw (Safari private mode, blocked third-party storage): such a failure reads as "nothing stored".
 */
export function createBrowserStorage(fallback: KeyValueStorage = createMemoryStorage()): KeyValueStorage {
  const local = (): Storage | undefined => {
    try {
      return typeof window !== 'undefined' && window.localStorage ? window.localStorage : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    getItem(key) {
      try {
        const store = local();
        return store ? store.getItem(key) : fallback.getItem(key);
      } catch {
        return null;
      }
    },
    setItem(key, value) {
      try {
        const store = local();
        if (store) store.setItem(key, value);
        else fallback.setItem(key, value);
      } catch {
        // Quota or privacy mode: the session still works for this page, it just is not remembered.
      }
    },
    removeItem(key) {
      try {
        const store = local();
        if (store) store.removeItem(key);
        else fallback.removeItem(key);
      } catch {
        // Nothing to clean when storage is unavailable.
      }
    },
  };
}
