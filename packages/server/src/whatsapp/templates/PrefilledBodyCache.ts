// PrefilledBodyCache: one server instance's built prefilled-message bodies (the text before the code), bounded.

const BODIES_MAX = 256; // entries
const KEY_MAX = 1_024; // characters

/**
 * The message before its code depends only on the project's name and the start's template, language and options,
 * which repeat from one start to the next: it is built once per combination (≈10 µs of regex and Unicode work)
 * and then reused. Bounded: emptied when full, and long keys (large templateOptions) are not kept, so callers varying
 * templateOptions cannot grow it past 256 × 1 KB. Held per instance (createDeps), never at module level.
 */
export class PrefilledBodyCache {
  private readonly bodies = new Map<string, string>();

  /** How many bodies are kept (at most 256). */
  get size(): number {
    return this.bodies.size;
  }

  get(key: string): string | undefined {
    return this.bodies.get(key);
  }

  /** Keeps `body` under `key`, unless the key is too long; empties the cache first when it is full. */
  set(key: string, body: string): void {
    if (key.length > KEY_MAX) return;
    if (this.bodies.size >= BODIES_MAX) this.bodies.clear();
    this.bodies.set(key, body);
  }
}
