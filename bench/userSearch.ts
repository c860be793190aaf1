// `npm run bench -- userSearch [users]`: management user search on a SQLite file holding 100,000 users (default) —
// the filters a console pages with, median and worst of 20 runs each, straight on the store (no HTTP).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from '../packages/server/src/store/createStore.js';
import type { UserRecord, UserSearchQuery } from '../packages/server/src/store/ports.js';

const USERS = Number(process.argv[2] ?? 100_000);
const RUNS = 20;
const P = 'PbenchSearch000000000000000A';

const dir = mkdtempSync(join(tmpdir(), 'notp-bench-search-'));
const store = await createStore(`sqlite:${join(dir, 'notp.db')}`);
try {
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < USERS; i++) {
    const phone = `+1650${String(1_000_000 + i).padStart(7, '0')}`;
    const user: UserRecord = {
      projectId: P,
      userId: `U${String(i).padStart(27, '0')}`,
      loginIds: [phone],
      phone,
      email: `user${i}@example.com`,
      name: `User ${i}`,
      verifiedEmail: false,
      verifiedPhone: true,
      roleNames: i % 100 === 0 ? ['admin'] : [],
      userTenants: [],
      status: i % 10 === 0 ? 'disabled' : 'enabled',
      customAttributes: { plan: i % 3 === 0 ? 'pro' : 'free' },
      test: false,
      createdAt: t0 + i * 1000,
      updatedAt: t0 + i * 1000,
    };
    await store.users.create(user);
  }
  const newestFirst = { field: 'createdTime', desc: true } as const;
  const cases: [string, UserSearchQuery][] = [
    ['first page (100), no filter', {}],
    ['page 500 of 100, no filter', { page: 500 }],
    ['emails: one', { emails: [`user${USERS - 7}@example.com`] }],
    ['phones: one', { phones: [`+1650${String(1_000_000 + USERS - 7).padStart(7, '0')}`] }],
    ['userIds: 100', { userIds: Array.from({ length: 100 }, (_, i) => `U${String(i * 7).padStart(27, '0')}`) }],
    ['created range (1,000 users)', { fromCreatedAt: t0 + 5_000_000, toCreatedAt: t0 + 5_999_000 }],
    ['sort name desc, page 10', { sort: { field: 'name', desc: true }, page: 10 }],
    ['statuses disabled', { statuses: ['disabled'] }],
    ['customAttributes plan=pro', { customAttributes: { plan: ['pro'] } }],
    ['text "user 4242"', { text: 'user 4242' }],
    // The console's Users page: 25 a page, newest first, with and without its search box.
    ['console: newest 25', { limit: 25, sort: newestFirst }],
    ['console: newest 25, last page', { limit: 25, sort: newestFirst, page: Math.ceil(USERS / 25) - 1 }],
    ['console: text "user 4242", 25', { limit: 25, sort: newestFirst, text: 'user 4242' }],
  ];
  console.log(`user search on SQLite, ${USERS} users, ${RUNS} runs each (ms: median / max)`);
  for (const [label, query] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      total = (await store.users.search(P, query)).total;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)] ?? 0;
    const max = times[RUNS - 1] ?? 0;
    console.log(
      `${label.padEnd(32)} ${median.toFixed(2).padStart(8)} / ${max.toFixed(2).padStart(8)}   total=${total}`,
    );
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
