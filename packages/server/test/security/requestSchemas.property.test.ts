// Property test over the request schemas of every registered route: random bodies and query strings built from each
// schema's own field names (plus strangers) never make the server answer 5xx or a non-catalogue error. Fixed seed.
import { errorByCode } from '@notp/core';
import fc from 'fast-check';
import type { InjectOptions } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/http/routeTable.js';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { useFixedSeed } from './fastCheckSeed.js';

useFixedSeed(60);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ NOTP_RATE_LIMIT: 'off' });
});
afterAll(() => server.close());

interface ObjectSchema {
  properties?: Record<string, unknown>;
}

/** Arrays or objects nested `n` deep (as values; JSON.stringify handles a few thousand levels). */
const nested = fc
  .tuple(fc.integer({ min: 1, max: 4_100 }), fc.boolean())
  .map(([n, arrays]) =>
    JSON.parse(arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  );

/** Values that probe types, sizes, encodings and nesting. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  nested,
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '+16505551234',
    'a@b.co',
    '__proto__',
    "' OR 1=1 --",
    'x'.repeat(70_000),
  ),
);

function bodyFor(schema: ObjectSchema | undefined): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(schema?.properties ?? {});
  const key = names.length > 0 ? fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })) : fc.string();
  return fc.dictionary(key, value, { maxKeys: 6 });
}

describe('request schemas (property)', () => {
  it('every route: random bodies and queries → never 5xx; errors are JSON catalogue errors', async () => {
    const auths = [
      `Bearer ${server.projectId}`,
      `Bearer ${server.projectId}:${server.managementKey}`,
      `Bearer ${server.projectId}:not.a.jwt`,
      `Bearer ${server.projectId}:not.a.jwt:${server.managementKey}`,
      `Bearer ${server.projectId}:a-wrong-key`,
    ];
    let tried = 0;
    const routes = registeredRoutes(server.app).filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    for (const r of routes) {
      const url = r.url.replace(':projectId', server.projectId);
      const hasBody = r.method !== 'GET' && r.method !== 'DELETE';
      const body = bodyFor(r.schema?.body as ObjectSchema | undefined);
      const query = fc.dictionary(
        fc.oneof(
          fc.constantFrom(...Object.keys((r.schema?.querystring as ObjectSchema | undefined)?.properties ?? { q: 1 })),
          fc.string({ maxLength: 8 }),
        ),
        fc.string({ maxLength: 200 }),
        { maxKeys: 4 },
      );
      await fc.assert(
        fc.asyncProperty(body, query, fc.constantFrom(...auths), async (b, q, authorization) => {
          tried++;
          const qs = new URLSearchParams(q).toString();
          const request: InjectOptions = {
            method: r.method as InjectOptions['method'],
            url: qs ? `${url}?${qs}` : url,
            headers: { authorization, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
            ...(hasBody ? { payload: JSON.stringify(b) } : {}),
          };
          const res = await server.app.inject(request);
          expect(res.statusCode, `${r.method} ${r.url} ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const parsed = JSON.parse(res.body) as { errorCode?: string };
            expect(errorByCode(parsed.errorCode ?? '')?.status, `${r.method} ${r.url} ${res.body.slice(0, 200)}`).toBe(
              res.statusCode,
            );
          }
        }),
      );
    }
    process.stdout.write(`\nrequest-schema property: ${tried} requests over ${routes.length} routes\n`);
    expect(tried).toBeGreaterThan(routes.length * 50);
  }, 240_000);
});

/** The limits of CONTRACT.md §6, computed here independently of the server's code: the oracle for the property below. */
const RESERVED = [
  'iss',
  'sub',
  'aud',
  'iat',
  'exp',
  'nbf',
  'jti',
  'drn',
  'amr',
  'roles',
  'permissions',
  'tenants',
  'dct',
];
function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  return 1 + Math.max(0, ...(Array.isArray(v) ? v : Object.values(v)).map(depthOf));
}
function withinLimits(claims: Record<string, unknown>, trusted: boolean): boolean {
  const names = Object.keys(claims);
  if (names.length > 100) return false;
  return names.every(
    (n) =>
      n.length >= 1 &&
      n.length <= 60 &&
      !RESERVED.includes(n) &&
      (trusted || n !== 'nsec') &&
      depthOf(claims[n]) <= 8 &&
      JSON.stringify(claims[n]).length <= 500,
  );
}

describe('custom claims at start (property)', () => {
  it('a start is accepted exactly when its claims are within the limits; never 5xx; refusals are 400 E011004', async () => {
    const name = fc.oneof(
      // (__proto__/constructor are the JSON parser's to refuse, E011001: the prototype-poisoning guard.)
      fc.string({ minLength: 0, maxLength: 64 }).filter((n) => n !== '__proto__' && n !== 'constructor'),
      fc.constantFrom(...RESERVED, 'nsec', 'k'.repeat(60), 'k'.repeat(61)),
    );
    const claimValue = fc.oneof(
      fc.jsonValue({ maxDepth: 10 }),
      fc.string({ maxLength: 520 }),
      fc.integer({ min: 1, max: 12 }).map((n) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`)),
    );
    const claims = fc.oneof(
      fc.dictionary(name, claimValue, { maxKeys: 8 }),
      fc
        .integer({ min: 95, max: 105 })
        .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, i]))),
    );
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(claims, fc.boolean(), async (customClaims, trusted) => {
        const res = await server.app.inject({
          method: 'POST',
          url: '/v1/auth/notp/whatsapp/signup-in',
          headers: {
            authorization: trusted
              ? `Bearer ${server.projectId}:${server.managementKey}`
              : `Bearer ${server.projectId}`,
            'content-type': 'application/json',
          },
          payload: JSON.stringify({ loginId: '', loginOptions: { customClaims } }),
        });
        const expected = withinLimits(customClaims, trusted);
        expect(res.statusCode, res.body.slice(0, 200)).toBe(expected ? 200 : 400);
        if (!expected) expect((JSON.parse(res.body) as { errorCode: string }).errorCode).toBe('E011004');
        if (expected) accepted++;
        else refused++;
      }),
      { numRuns: 300 },
    );
    process.stdout.write(`\ncustom-claims property: ${accepted} accepted, ${refused} refused\n`);
    expect(accepted).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
  }, 120_000);
});
