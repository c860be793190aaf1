// Bad-input suite: the case list of every registered route (framing, schema, junk here; attacks in attackCases.ts).
import { routes } from '@notp/core';
import type { FastifySchema } from 'fastify';
import type { InjectOptions } from 'light-my-request';
import { API_BODY_LIMIT } from '../../src/app.js';
import { WEBHOOK_BODY_LIMIT } from '../../src/http/routes/webhooks.js';
import { claimCases, credentialCases, stringCases, webhookCases } from './attackCases.js';
import {
  type Case,
  DEEP_JSON,
  type Expectation,
  type Fixture,
  type JsonSchemaObject,
  MALFORMED_JSON,
  NO_INPUT_200_KNOWN,
  NON_OBJECT_JSON,
  pathOf,
  type RouteUnderTest,
  TOKEN_OPTIONAL_200,
  WRONG_TYPES,
  jsonRequest,
  withQuery,
  stringProps,
} from './inputs.js';
import { baseRequest } from './routeRequests.js';

/** Every case for every route of `table`, in a stable order (route by route, one kind of attack after another). */
export function buildCases(
  f: Fixture,
  table: readonly { method: string; url: string; schema: FastifySchema | undefined }[],
  publicDocuments: ReadonlySet<string>,
) {
  const NO_INPUT_200 = new Set([...NO_INPUT_200_KNOWN, ...publicDocuments]);
  const cases: Case[] = [];
  const add = (route: string, name: string, request: InjectOptions, expectation: Expectation = 'error') =>
    cases.push({ route, name, request, expect: expectation });

  for (const r of table) {
    if (r.method === 'HEAD' || r.method === 'OPTIONS') continue;
    const key = `${r.method} ${r.url}`;
    const path = pathOf(r.url, f);
    const base = baseRequest(r.method, r.url, f);
    const headers = { authorization: base.auth };
    const lenient: Expectation = NO_INPUT_200.has(key) || TOKEN_OPTIONAL_200.has(key) ? 'either' : 'error';
    const isWebhook = r.url.startsWith('/webhooks/');
    const hasBody = r.method !== 'GET' && r.method !== 'DELETE';
    // JWKS: the project id is the input; public keys are answered for any valid one.
    const isJwks = r.url === routes.keys.jwks || r.url === routes.keys.wellKnown;
    const bodySchema = r.schema?.body as JsonSchemaObject | undefined;
    const querySchema = r.schema?.querystring as JsonSchemaObject | undefined;
    const t: RouteUnderTest = {
      f,
      r,
      key,
      path,
      base,
      headers,
      lenient,
      isWebhook,
      hasBody,
      isJwks,
      bodySchema,
      querySchema,
      NO_INPUT_200,
      add,
    };
    framingCases(t);
    schemaCases(t);
    claimCases(t);
    stringCases(t);
    credentialCases(t);
    webhookCases(t);
    junkCases(t);
  }
  return cases;
}

/** Framing: malformed JSON, non-object JSON, wrong content type, oversized body. */
export function framingCases(t: RouteUnderTest): void {
  const { r, key, path, headers, lenient, isWebhook, hasBody, add } = t;
  if (hasBody) {
    for (const text of MALFORMED_JSON) {
      add(key, `malformed JSON ${JSON.stringify(text).slice(0, 30)}`, {
        method: r.method as InjectOptions['method'],
        url: path,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: text,
      });
    }
    for (const text of NON_OBJECT_JSON) {
      add(
        key,
        `non-object JSON ${text}`,
        {
          method: r.method as InjectOptions['method'],
          url: path,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: text,
        },
        lenient,
      );
    }
    for (const [name, text] of DEEP_JSON) {
      add(key, `JSON nested ${name}`, {
        method: r.method as InjectOptions['method'],
        url: path,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: text,
      });
    }
    add(key, 'text/plain body', {
      method: r.method as InjectOptions['method'],
      url: path,
      headers: { ...headers, 'content-type': 'text/plain' },
      payload: 'loginId=x',
    });
    const limit = isWebhook ? WEBHOOK_BODY_LIMIT : API_BODY_LIMIT;
    add(key, `oversized body (${limit + 1} bytes)`, {
      method: r.method as InjectOptions['method'],
      url: path,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: `{"loginId":"${'a'.repeat(limit)}"}`,
    });
  }
}

/** Schema-derived: wrong types, missing required fields, over-long and odd strings, enum/pattern violations. */
export function schemaCases(t: RouteUnderTest): void {
  const { r, key, path, base, headers, isWebhook, hasBody, bodySchema, querySchema, add } = t;
  if (hasBody && bodySchema && !isWebhook) {
    const valid = (base.body ?? {}) as Record<string, unknown>;
    const required = new Set(bodySchema.required ?? []);
    // Management bodies read JSON null as "absent" on optional fields (the official Go and Python SDKs send every
    // field, null where unset: http/dropNulls.ts), so there a null is a valid request, not bad input.
    const nullIsAbsent = /^\/v[12]\/mgmt\//.test(r.url);
    for (const [field, prop] of stringProps(bodySchema)) {
      for (const wrong of WRONG_TYPES) {
        if (wrong === null && nullIsAbsent && !required.has(field)) continue;
        if (prop.type === 'object' && (wrong === null || typeof wrong === 'object') && !Array.isArray(wrong)) continue;
        if (prop.type === 'array' && Array.isArray(wrong)) continue;
        if (prop.type === 'boolean' && typeof wrong === 'boolean') continue;
        if ((prop.type === 'integer' || prop.type === 'number') && typeof wrong === 'number') continue;
        if (prop.type === undefined) continue;
        add(
          key,
          `body.${field} = ${JSON.stringify(wrong)}`,
          jsonRequest(r.method, path, headers, { ...valid, [field]: wrong }),
        );
      }
      if (prop.type === 'string' && prop.maxLength !== undefined && prop.maxLength < 10_000) {
        add(
          key,
          `body.${field} over maxLength with odd Unicode`,
          jsonRequest(r.method, path, headers, { ...valid, [field]: 'A\u202E\u0000'.repeat(3400) }),
        );
      }
      if (prop.enum) {
        add(
          key,
          `body.${field} outside its enum`,
          jsonRequest(r.method, path, headers, { ...valid, [field]: 'x\u0000' }),
        );
      }
    }
    for (const field of bodySchema.required ?? []) {
      const { [field]: _dropped, ...rest } = valid;
      add(key, `missing required body.${field}`, jsonRequest(r.method, path, headers, rest));
    }
  }
  if (querySchema) {
    for (const [field, prop] of stringProps(querySchema)) {
      if (prop.maxLength !== undefined && prop.maxLength < 10_000) {
        add(key, `query.${field} over maxLength`, {
          method: r.method as InjectOptions['method'],
          url: withQuery(path, { ...base.query, [field]: 'q'.repeat(prop.maxLength + 1) }),
          headers,
        });
      }
      if (prop.enum || prop.pattern) {
        add(key, `query.${field} violates its ${prop.enum ? 'enum' : 'pattern'}`, {
          method: r.method as InjectOptions['method'],
          url: withQuery(path, { ...base.query, [field]: "' OR 1=1 --" }),
          headers,
        });
      }
    }
  }
}

/** Junk query strings and headers on every route. */
export function junkCases(t: RouteUnderTest): void {
  const { r, key, path, isJwks, NO_INPUT_200, add } = t;
  add(
    key,
    'junk query and headers',
    {
      method: r.method as InjectOptions['method'],
      url: `${path}?__proto__[x]=1&constructor[prototype][y]=2&a=%00&b=%E2%80%AE&c=${'z'.repeat(3000)}`,
      headers: {
        authorization: 'Bearer \u0000',
        prefer: 'wait=999999999999',
        'x-descope-project-id': "'; DROP TABLE projects; --",
        cookie: 'DSR=%00; DS=<script>',
      },
    },
    NO_INPUT_200.has(key) || TOKEN_OPTIONAL_200.has(key) || isJwks ? 'either' : 'error',
  );
}
