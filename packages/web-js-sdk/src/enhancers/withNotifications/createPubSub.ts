// createPubSub: a tiny typed publish/subscribe whose unsubscribe is idempotent and safe during publish.

export interface PubSub<T> {
  publish(value: T): void;
  /** Returns the unsubscribe function. */
  subscribe(callback: (value: T) => void): () => void;
}

export function createPubSub<T>(onError: (err: unknown) => void): PubSub<T> {
  const subscribers = new Set<(value: T) => void>();
  return {
    publish(value) {
      for (const callback of [...subscribers]) {
        try {
          callback(value);
        } catch (err) {
          onError(err);
        }
      }
    },
    subscribe(callback) {
      // A wrapper makes every subscription distinct, so subscribing one function twice needs two unsubscribes.
      const entry = (value: T) => callback(value);
      subscribers.add(entry);
      return () => void subscribers.delete(entry);
    },
  };
}
