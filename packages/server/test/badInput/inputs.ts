// Bad-input suite (badInput.test.ts): the hostile values, the case shape and request builders every case list uses.
import { routes } from '@notp/core';
import type { FastifySchema } from 'fastify';
import type { InjectOptions } from 'light-my-request';

/** 'error': a 4xx catalogue answer. 'either': the contract allows a 200 here (still never 5xx, never a DB change). */
export type Expectation = 'error' | 'either';

export interface Case {
  route: string;
  name: string;
  request: InjectOptions;
  expect: Expectation;
}

export const ODD_STRINGS: readonly string[] = [
  'nul\u0000byte',
  'rtl\u202Eoverride\u202C',
  'lone\ud800surrogate',
  'lone\udfffsurrogate',
  'zero\u200Bwidth\uFEFF',
  '🙂'.repeat(50),
  'x'.repeat(10_000),
  '\u0000'.repeat(64),
];
export const INJECTIONS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '__proto__',
  'constructor.prototype',
  '{"$gt":""}',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe, meant literally
  '${jndi:ldap://x}',
  '%00%0d%0aSet-Cookie:x=1',
];
export const MALFORMED_JSON: readonly string[] = [
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '{"a":1}}',
  "{'a':1}",
  '{"a":1,}',
  '\u0000',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];
export const NON_OBJECT_JSON: readonly string[] = ['[]', '1', '"text"', 'true', '[{"loginId":""}]'];
/** Deep nesting (the attack that once gave a 500 at start, or a lost login after it): a member of an object body. */
export const nestedArrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
export const nestedObjects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
export const DEEP_JSON: readonly [string, string][] = [
  ['4,100 deep (arrays)', `{"loginId":"","deep":${nestedArrays(4100)}}`],
  ['4,100 deep (objects)', `{"loginId":"","deep":${nestedObjects(4100)}}`],
  // Over the API body limit (64 KB): 413 there; within the webhooks' 3 MB, so their parsers meet it.
  ['100,000 deep (arrays)', `{"loginId":"","deep":${nestedArrays(100_000)}}`],
  ['100,000 deep (objects)', `{"loginId":"","deep":${nestedObjects(100_000)}}`],
];
/** loginOptions.customClaims over one of the limits of CONTRACT.md §6 (each a 400 at start, never later). */
export const BAD_CUSTOM_CLAIMS: readonly [string, Record<string, unknown>][] = [
  ['nested 9 levels', { deep: JSON.parse(nestedArrays(9)) }],
  ['nested 64 levels', { deep: JSON.parse(nestedArrays(64)) }],
  ['101 claims', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}`, i]))],
  ['a 61-character name', { ['k'.repeat(61)]: 1 }],
  ['a value of 501 serialised characters', { v: 'x'.repeat(499) }],
  ['the reserved claim roles', { roles: ['admin'] }],
  ['nsec (untrusted)', { nsec: { isAdmin: true } }],
];
export const WRONG_TYPES: readonly unknown[] = [123, true, {}, [], null, 1.5e308];

/** Routes whose contract answers 200 `{}` without a usable token (logout, try-refresh). */
export const TOKEN_OPTIONAL_200 = new Set([
  `POST ${routes.session.logout}`,
  `POST ${routes.session.logoutAll}`,
  `POST ${routes.session.tryRefresh}`,
]);
/** Routes with no input to be bad (probes, public documents); they get framing and junk-query cases only. */
export const NO_INPUT_200_KNOWN = new Set([
  `GET ${routes.health}`,
  `GET ${routes.ready}`,
  `GET ${routes.sdkBundle}`,
  `GET ${routes.loginElementBundle}`,
  `GET ${routes.metrics}`,
  `GET ${routes.simulator.chat}`,
]);

export interface Fixture {
  projectId: string;
  mgmt: string;
  refreshJwt: string;
  sessionJwt: string;
  forged: { name: string; token: string }[];
  /** A delivery already processed (replayed by the suite) and the forged variants of its signature header. */
  replay: {
    url: string;
    contentType: string;
    raw: Buffer;
    /** The same delivery with one field changed (its old signature no longer matches). */
    altered: Buffer;
    header: string;
    signature: string;
    forgedSignatures: [string, string | undefined][];
    /** Signs any bytes as the provider would (Cloud API); absent where the signature covers more than the body. */
    sign?: (bytes: Buffer) => string;
  };
}

export interface JsonSchemaObject {
  type?: string | string[];
  properties?: Record<string, JsonSchemaObject>;
  required?: string[];
  maxLength?: number;
  enum?: unknown[];
  pattern?: string;
}

export function stringProps(schema: JsonSchemaObject | undefined): [string, JsonSchemaObject][] {
  return Object.entries(schema?.properties ?? {});
}

export function pathOf(url: string, f: Fixture): string {
  return url.replace(':projectId', f.projectId);
}

export function withQuery(path: string, query: Record<string, string> | undefined): string {
  if (!query || Object.keys(query).length === 0) return path;
  return `${path}?${new URLSearchParams(query).toString()}`;
}

export function jsonRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
): InjectOptions {
  return {
    method: method as InjectOptions['method'],
    url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  };
}

export function requestWith(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
): InjectOptions {
  return method === 'GET' || body === undefined
    ? { method: method as InjectOptions['method'], url, headers }
    : jsonRequest(method, url, headers, body);
}

/** One registered route as the case builders see it (what buildCases works out once per route). */
export interface RouteUnderTest {
  f: Fixture;
  r: { method: string; url: string; schema: FastifySchema | undefined };
  key: string;
  path: string;
  /** A request that passes auth and schema (routeRequests.ts). */
  base: { body?: unknown; query?: Record<string, string>; auth: string };
  headers: { authorization: string };
  lenient: Expectation;
  isWebhook: boolean;
  hasBody: boolean;
  isJwks: boolean;
  bodySchema: JsonSchemaObject | undefined;
  querySchema: JsonSchemaObject | undefined;
  /** Routes with no input to be bad: the known ones and the public documents found at run time. */
  NO_INPUT_200: ReadonlySet<string>;
  add: (route: string, name: string, request: InjectOptions, expectation?: Expectation) => void;
}
