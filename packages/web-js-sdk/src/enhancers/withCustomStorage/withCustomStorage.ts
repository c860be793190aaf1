// withCustomStorage: picks the storage every later enhancer uses (custom, localStorage, or memory) and the key prefix.
import type { EnhancerContext, SdkBuilder } from '../../internal/EnhancerContext.js';
import { createBrowserStorage, type KeyValueStorage } from '../../internal/KeyValueStorage.js';
import type { NotpSdkOptions } from '../../NotpSdkOptions.js';

function assertStorage(storage: KeyValueStorage): void {
  for (const method of ['getItem', 'setItem', 'removeItem'] as const) {
    if (typeof storage[method] !== 'function') {
      throw new TypeError(`notp: "customStorage" must have a ${method}() method`);
    }
  }
}

export function withCustomStorage<S>(next: SdkBuilder<S, NotpSdkOptions>): SdkBuilder<S, NotpSdkOptions> {
  return (options: NotpSdkOptions, context: EnhancerContext) => {
    if (options.customStorage) assertStorage(options.customStorage);
    context.storage = options.customStorage ?? createBrowserStorage();
    context.keyPrefix = options.storagePrefix ?? '';
    return next(options, context);
  };
}
