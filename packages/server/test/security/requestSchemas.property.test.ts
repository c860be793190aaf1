// Property test over the request schemas of every registered route: random bodies and query strings built from each
// schema's own field names (plus strangers) never make the server answer 5xx or a non-catalogue error. Fixed seed.
import { errorByCode } from '@notp/core';
import fc from 'fast-check';
import type { InjectOptions } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/http/routeTable.js';
import { startTestServer, type TestServer } from '../harness.js';
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

/** Values that probe types, sizes and encodings. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
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
