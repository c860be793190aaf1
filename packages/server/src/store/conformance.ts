// The one conformance suite of the Store port: every adapter runs it, so every guarantee in ports.ts is checked.
import { afterEach, describe } from 'vitest';
import { describeAudit } from './conformance/audit.js';
import type { ConformanceContext, StoreConformanceOptions } from './conformance/fixtures.js';
import { describeKeys } from './conformance/keys.js';
import { describeLoginHistory } from './conformance/loginHistory.js';
import { describePendingAuths } from './conformance/pendingAuths.js';
import { describeProjects } from './conformance/projects.js';
import { describeSessions } from './conformance/sessions.js';
import { describeStore } from './conformance/store.js';
import { describeUsers } from './conformance/users.js';
import { describeWebhookMessages } from './conformance/webhookMessages.js';
import type { Store } from './ports.js';

export type { StoreConformanceOptions } from './conformance/fixtures.js';

/** Registers the conformance cases for one adapter; each case gets a fresh store from `make()`. */
export function runStoreConformance(opts: StoreConformanceOptions): void {
  describe(`Store conformance: ${opts.name}`, () => {
    const opened: Store[] = [];
    const fresh = async (): Promise<Store> => {
      const s = await opts.make();
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    const ctx: ConformanceContext = { opts, fresh, opened };
    describeStore(ctx);
    describeProjects(ctx);
    describeUsers(ctx);
    describePendingAuths(ctx);
    describeWebhookMessages(ctx);
    describeSessions(ctx);
    describeKeys(ctx);
    describeLoginHistory(ctx);
    describeAudit(ctx);
  });
}
