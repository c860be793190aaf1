// GET /openapi.json: a valid OpenAPI 3.1 document (checked by a real validator) naming every registered route, each
// with a success response schema and the error body for its failures.
import { Validator } from '@seriousme/openapi-schema-validator';
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { OPENAPI_PATH } from './openapi.js';
import { registeredRoutes } from './routeTable.js';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  tags?: string[];
}
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required: string[]; properties: { errorCode: { enum: string[] } } }> };
};

let server: TestServer;
let doc: Doc;
beforeAll(async () => {
  server = await startTestServer();
  const res = await fetch(`${server.url}${OPENAPI_PATH}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  doc = (await res.json()) as Doc;
});
afterAll(async () => {
  await server?.close();
});

/** Fastify's `/v2/keys/:projectId` → OpenAPI's `/v2/keys/{projectId}`; a trailing `*` wildcard → `{*}`. */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{*}');
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('names every registered route (whoever added it), with a success (2xx or 3xx) answer schema and the error body', () => {
    const routes = registeredRoutes(server.app).filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const op = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url} is missing from the document`).toBeDefined();
      const ok = Object.keys(op?.responses ?? {}).filter((code) => /^[23]/.test(code));
      expect(ok, `${route.method} ${route.url} declares no success response schema`).not.toEqual([]);
      const schema = (route.schema?.response ?? {}) as Record<string, unknown>;
      expect(
        Object.keys(schema).some((code) => /^[23]/.test(code)),
        `${route.method} ${route.url}: no response schema`,
      ).toBe(true);
      expect(op?.responses['4XX']?.content?.['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/Error',
      });
    }
  });

  it('documents the error body with every catalogue code, and the notp extensions', () => {
    const error = doc.components.schemas.Error;
    if (!error) throw new Error('no Error component');
    expect(error.required).toEqual(['errorCode', 'errorDescription', 'errorMessage']);
    for (const def of Object.values(errors)) expect(error.properties.errorCode.enum).toContain(def.code);
    expect(doc.paths['/v1/mgmt/notp/keys/rotate']?.post?.tags).toEqual(['notp extensions']);
    expect(doc.paths['/v1/auth/notp/pending-session']?.post?.tags).toEqual(['nOTP']);
  });
});
