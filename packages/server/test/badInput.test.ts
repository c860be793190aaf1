// Bad-input suite: every registered route gets malformed JSON, wrong types, missing fields, oversized bodies, odd
// Unicode, injection strings, forged/expired/alg:none/wrong-key tokens, forged and replayed webhooks. Every answer must
// be a JSON 4xx with a catalogue code (or the contract's 200 where it mandates one), the server must keep serving, and
// a checksum of every database table must not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { errorByCode, routes } from '@notp/core';
import type { ManualClock, TestServer } from '@notp/test-utils/server';
import { registeredRoutes } from '../src/http/routeTable.js';
import { buildCases } from './badInput/cases.js';
import { databaseChecksum, prepare } from './badInput/fixture.js';
import type { Fixture } from './badInput/inputs.js';

describe.each(['simulator', 'twilio'] as const)('bad input on every route (%s mode)', (provider) => {
  let server: TestServer;
  let clock: ManualClock;
  let fixture: Fixture;
  beforeAll(async () => {
    ({ server, clock, fixture } = await prepare(provider));
  }, 60_000);
  afterAll(() => server?.close());

  it('answers every case with a JSON 4xx catalogue error (or the contract’s 200), no 5xx, no database change', async () => {
    const table = registeredRoutes(server.app);
    const db = (server.deps.store as unknown as { db: Database }).db;
    // The login-activity counters of the fixture's own logins are written every 5 s: write them now, not mid-test.
    await server.deps.activity?.flush();
    const before = databaseChecksum(db);
    // GET routes that answer a bare request (no credentials, no query) below 400 are public documents (probes, the
    // SDK bundle, the demo): they have no input to be bad, so only 5xx and database changes count against them.
    const publicDocuments = new Set<string>();
    for (const r of table) {
      if (r.method !== 'GET' || r.url.includes(':')) continue;
      if ((await server.app.inject({ method: 'GET', url: r.url })).statusCode < 400)
        publicDocuments.add(`GET ${r.url}`);
    }
    const cases = buildCases(fixture, table, publicDocuments);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const coveredRoutes = new Set<string>();
    for (const c of cases) {
      coveredRoutes.add(c.route);
      const res = await server.app.inject(c.request);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const where = `${c.route} — ${c.name}: ${res.statusCode} ${res.body.slice(0, 160)}`;
      if (res.statusCode >= 500) {
        failures.push(where);
        continue;
      }
      // 'either': the contract's 200 (or a public page's redirect) is a correct answer here.
      if (c.expect === 'either' && res.statusCode < 400) continue;
      if (res.statusCode < 400) {
        failures.push(where);
        continue;
      }
      let body: { errorCode?: string; errorDescription?: string; errorMessage?: string };
      try {
        body = JSON.parse(res.body);
      } catch {
        failures.push(`${where} (not JSON)`);
        continue;
      }
      const def = body.errorCode ? errorByCode(body.errorCode) : undefined;
      if (!def || def.status !== res.statusCode || typeof body.errorMessage !== 'string') {
        failures.push(`${where} (not a catalogue error)`);
      }
    }
    await server.deps.activity?.flush(); // anything the bad input counted is in the database now
    const after = databaseChecksum(db);
    process.stdout.write(
      `\nbad-input suite (${provider} mode): ${cases.length} cases over ${coveredRoutes.size} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
    );
    expect(failures).toEqual([]);
    expect(after).toBe(before);
    // Every registered route (but HEAD/OPTIONS twins) was tried.
    const routesSeen = new Set(
      table.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS').map((r) => `${r.method} ${r.url}`),
    );
    expect([...routesSeen].filter((r) => !coveredRoutes.has(r))).toEqual([]);
    expect(cases.length).toBeGreaterThan(1000);
  }, 240_000);

  it('still serves over its socket afterwards, and nothing was polluted', async () => {
    const res = await fetch(`${server.url}${routes.health}`);
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('the checksum does see a change (so "unchanged" above means something)', async () => {
    const db = (server.deps.store as unknown as { db: Database }).db;
    const before = databaseChecksum(db);
    await server.deps.store.webhookMessages.record('cloud-api:wamid.checksum-probe', clock.now());
    expect(databaseChecksum(db)).not.toBe(before);
  });
});
