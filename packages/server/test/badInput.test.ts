// Bad-input suite: every registered route gets malformed JSON, wrong types, missing fields, oversized bodies, odd
// Unicode, injection strings, forged/expired/alg:none/wrong-key tokens, forged and replayed webhooks. Every answer must
// be a JSON 4xx with a catalogue code (or the contract's 200 where it mandates one), the server must keep serving, and
// a checksum of every database table must not change.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { errorByCode, routes } from '@notp/core';
import type { Database } from 'better-sqlite3';
import type { FastifySchema } from 'fastify';
import { generateKeyPair, SignJWT } from 'jose';
import type { InjectOptions } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT } from '../src/app.js';
import { registeredRoutes } from '../src/http/routeTable.js';
import { WEBHOOK_BODY_LIMIT } from '../src/http/routes/webhooks.js';
import { cloudApiAppSecret } from '../src/whatsapp/createWhatsApp.js';
import { twilioSignature } from '../src/whatsapp/twilio/TwilioWebhook.js';
import { type ManualClock, manualClock, messageOf, startTestServer, type TestServer } from '@notp/test-utils/server';
import { loginWithWhatsApp } from './security/securityKit.js';

/** 'error': a 4xx catalogue answer. 'either': the contract allows a 200 here (still never 5xx, never a DB change). */
type Expectation = 'error' | 'either';

interface Case {
  route: string;
  name: string;
  request: InjectOptions;
  expect: Expectation;
}

const ODD_STRINGS: readonly string[] = [
  'nul\u0000byte',
  'rtl\u202Eoverride\u202C',
  'lone\ud800surrogate',
  'lone\udfffsurrogate',
  'zero\u200Bwidth\uFEFF',
  '🙂'.repeat(50),
  'x'.repeat(10_000),
  '\u0000'.repeat(64),
];
const INJECTIONS: readonly string[] = [
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
const MALFORMED_JSON: readonly string[] = [
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
const NON_OBJECT_JSON: readonly string[] = ['[]', '1', '"text"', 'true', '[{"loginId":""}]'];
/** Deep nesting (the attack that once gave a 500 at start, or a lost login after it): a member of an object body. */
const nestedArrays = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const nestedObjects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const DEEP_JSON: readonly [string, string][] = [
  ['4,100 deep (arrays)', `{"loginId":"","deep":${nestedArrays(4100)}}`],
  ['4,100 deep (objects)', `{"loginId":"","deep":${nestedObjects(4100)}}`],
  // Over the API body limit (64 KB): 413 there; within the webhooks' 3 MB, so their parsers meet it.
  ['100,000 deep (arrays)', `{"loginId":"","deep":${nestedArrays(100_000)}}`],
  ['100,000 deep (objects)', `{"loginId":"","deep":${nestedObjects(100_000)}}`],
];
/** loginOptions.customClaims over one of the limits of CONTRACT.md §6 (each a 400 at start, never later). */
const BAD_CUSTOM_CLAIMS: readonly [string, Record<string, unknown>][] = [
  ['nested 9 levels', { deep: JSON.parse(nestedArrays(9)) }],
  ['nested 64 levels', { deep: JSON.parse(nestedArrays(64)) }],
  ['101 claims', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}`, i]))],
  ['a 61-character name', { ['k'.repeat(61)]: 1 }],
  ['a value of 501 serialised characters', { v: 'x'.repeat(499) }],
  ['the reserved claim roles', { roles: ['admin'] }],
  ['nsec (untrusted)', { nsec: { isAdmin: true } }],
];
const WRONG_TYPES: readonly unknown[] = [123, true, {}, [], null, 1.5e308];

/** Routes whose contract answers 200 `{}` without a usable token (logout, try-refresh). */
const TOKEN_OPTIONAL_200 = new Set([
  `POST ${routes.session.logout}`,
  `POST ${routes.session.logoutAll}`,
  `POST ${routes.session.tryRefresh}`,
]);
/** Routes with no input to be bad (probes, public documents); they get framing and junk-query cases only. */
const NO_INPUT_200_KNOWN = new Set([
  `GET ${routes.health}`,
  `GET ${routes.ready}`,
  `GET ${routes.sdkBundle}`,
  `GET ${routes.loginElementBundle}`,
  `GET ${routes.metrics}`,
  `GET ${routes.simulator.chat}`,
]);

interface Fixture {
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

/** A request that passes auth and schema for the route (so one mutation is the only thing wrong), by route. */
function baseRequest(
  method: string,
  url: string,
  f: Fixture,
): { body?: unknown; query?: Record<string, string>; auth: string } {
  const project = `Bearer ${f.projectId}`;
  const user = `Bearer ${f.projectId}:${f.refreshJwt}`;
  const mgmt = `Bearer ${f.projectId}:${f.mgmt}`;
  const key = `${method} ${url}`;
  switch (key) {
    case `POST ${routes.notp.signIn}`:
      return { body: { loginId: '+16505559999' }, auth: project };
    case `POST ${routes.notp.update}`:
      return { body: { loginId: '' }, auth: `Bearer ${f.projectId}:not-a-token` };
    case `POST ${routes.notp.pendingSession}`:
      return { body: { pendingRef: randomBytes(32).toString('base64url') }, auth: project };
    case `POST ${routes.session.selectTenant}`:
      return { body: { tenant: 'T-not-a-member' }, auth: user };
    case `POST ${routes.mgmt.userCreate}`:
    case `POST ${routes.mgmt.userCreateTest}`:
      return { body: { loginId: '+16505550001', phone: 'not a phone' }, auth: mgmt };
    case `POST ${routes.mgmt.userUpdate}`:
    case `PATCH ${routes.mgmt.userPatch}`:
      return { body: { loginId: 'nobody@example.com' }, auth: mgmt };
    case `POST ${routes.mgmt.userUpdatePhone}`:
      return { body: { loginId: 'nobody@example.com', phone: '+16505550002' }, auth: mgmt };
    case `POST ${routes.mgmt.userUpdateStatus}`:
      return { body: { loginId: 'nobody@example.com', status: 'disabled' }, auth: mgmt };
    case `POST ${routes.mgmt.userDelete}`:
    case `POST ${routes.mgmt.userLogout}`:
      return { body: { loginId: 'nobody@example.com' }, auth: mgmt };
    case `GET ${routes.mgmt.userLoad}`:
      return { query: { loginId: 'nobody@example.com' }, auth: mgmt };
    case `GET ${routes.mgmt.notpSessions}`:
      return { query: { userId: 'Unobody' }, auth: mgmt };
    case `POST ${routes.mgmt.notpSessionRevoke}`:
      return { body: { sessionId: 'no-such-session' }, auth: mgmt };
    case `POST ${routes.simulator.messages}`:
      return { body: { from: 'not a phone', text: 'hi' }, auth: project };
    case `GET ${routes.simulator.messages}`:
      return { query: { to: 'not a phone' }, auth: project };
  }
  if (url.startsWith('/v1/mgmt') || url.startsWith('/v2/mgmt')) return { body: {}, auth: mgmt };
  if (url.startsWith('/v1/auth/notp/whatsapp')) return { body: { loginId: '' }, auth: project };
  return { body: {}, auth: user };
}

/** Fields whose any value is refused by the route's semantics in this server's state (unknown ids, bad phones). */
const SEMANTIC_PROBES: Readonly<Record<string, { in: 'body' | 'query'; field: string }[]>> = {
  [`POST ${routes.notp.signIn}`]: [{ in: 'body', field: 'loginId' }],
  [`POST ${routes.notp.pendingSession}`]: [{ in: 'body', field: 'pendingRef' }],
  [`POST ${routes.session.selectTenant}`]: [{ in: 'body', field: 'tenant' }],
  [`POST ${routes.mgmt.userDelete}`]: [{ in: 'body', field: 'loginId' }],
  [`POST ${routes.mgmt.userLogout}`]: [{ in: 'body', field: 'loginId' }],
  [`POST ${routes.mgmt.userUpdateStatus}`]: [{ in: 'body', field: 'loginId' }],
  [`POST ${routes.mgmt.userUpdatePhone}`]: [
    { in: 'body', field: 'loginId' },
    { in: 'body', field: 'phone' },
  ],
  [`POST ${routes.mgmt.userCreate}`]: [{ in: 'body', field: 'phone' }],
  [`GET ${routes.mgmt.userLoad}`]: [{ in: 'query', field: 'loginId' }],
  [`GET ${routes.mgmt.notpSessions}`]: [{ in: 'query', field: 'userId' }],
  [`POST ${routes.mgmt.notpSessionRevoke}`]: [{ in: 'body', field: 'sessionId' }],
  [`POST ${routes.simulator.messages}`]: [{ in: 'body', field: 'from' }],
  [`GET ${routes.simulator.messages}`]: [{ in: 'query', field: 'to' }],
};

/** Routes that read a refresh token (bearer part 2); token attacks go there. */
function readsRefreshToken(method: string, url: string): boolean {
  return (
    (Object.values(routes.session) as string[]).includes(url) ||
    url === routes.notp.update ||
    (method === 'POST' && url === routes.notp.signIn)
  );
}

interface JsonSchemaObject {
  type?: string | string[];
  properties?: Record<string, JsonSchemaObject>;
  required?: string[];
  maxLength?: number;
  enum?: unknown[];
  pattern?: string;
}

function stringProps(schema: JsonSchemaObject | undefined): [string, JsonSchemaObject][] {
  return Object.entries(schema?.properties ?? {});
}

function pathOf(url: string, f: Fixture): string {
  return url.replace(':projectId', f.projectId);
}

function withQuery(path: string, query: Record<string, string> | undefined): string {
  if (!query || Object.keys(query).length === 0) return path;
  return `${path}?${new URLSearchParams(query).toString()}`;
}

function buildCases(
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

    // — framing: malformed JSON, non-object JSON, wrong content type, oversized body
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

    // — schema-derived: wrong types, missing required fields, over-long and odd strings, enum/pattern violations
    if (hasBody && bodySchema && !isWebhook) {
      const valid = (base.body ?? {}) as Record<string, unknown>;
      const required = new Set(bodySchema.required ?? []);
      // Management bodies read JSON null as "absent" on optional fields (the official Go and Python SDKs send every
      // field, null where unset: http/dropNulls.ts), so there a null is a valid request, not bad input.
      const nullIsAbsent = /^\/v[12]\/mgmt\//.test(r.url);
      for (const [field, prop] of stringProps(bodySchema)) {
        for (const wrong of WRONG_TYPES) {
          if (wrong === null && nullIsAbsent && !required.has(field)) continue;
          if (prop.type === 'object' && (wrong === null || typeof wrong === 'object') && !Array.isArray(wrong))
            continue;
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

    // — custom claims over a limit, on every start (the key-less bearer: untrusted claims)
    if (r.url.startsWith('/v1/auth/notp/whatsapp')) {
      const member = r.url === routes.notp.update ? 'options' : 'loginOptions';
      for (const [name, customClaims] of BAD_CUSTOM_CLAIMS) {
        add(
          key,
          `customClaims: ${name}`,
          jsonRequest(
            r.method,
            path,
            { authorization: `Bearer ${f.projectId}` },
            {
              ...(base.body as object),
              [member]: { customClaims },
            },
          ),
        );
      }
    }

    // — odd Unicode and injection strings where this server's state refuses any value
    for (const probe of SEMANTIC_PROBES[key] ?? []) {
      for (const value of [...ODD_STRINGS.filter((s) => s.length <= 64), ...INJECTIONS]) {
        if (probe.in === 'body') {
          add(
            key,
            `body.${probe.field} = ${JSON.stringify(value).slice(0, 24)}`,
            jsonRequest(r.method, path, headers, { ...(base.body as object), [probe.field]: value }),
          );
        } else {
          add(key, `query.${probe.field} = ${JSON.stringify(value).slice(0, 24)}`, {
            method: r.method as InjectOptions['method'],
            url: withQuery(path, { ...base.query, [probe.field]: value }),
            headers,
          });
        }
      }
    }

    // — odd strings and injections everywhere else, behind an unknown project (parser and schema see them; no flow runs)
    if (!NO_INPUT_200.has(key) && !isJwks) {
      for (const value of [...ODD_STRINGS, ...INJECTIONS]) {
        const payload: Record<string, unknown> = {};
        for (const [field, prop] of stringProps(bodySchema)) if (prop.type === 'string') payload[field] = value;
        const unknownProject = { authorization: `Bearer P${'0'.repeat(27)}:${value.replace(/[^\x21-\x7e]/g, '')}` };
        if (hasBody) {
          add(
            key,
            `unknown project, every string = ${JSON.stringify(value).slice(0, 20)}`,
            jsonRequest(r.method, path, unknownProject, isWebhook ? { object: value } : payload),
          );
        } else {
          const query: Record<string, string> = {};
          for (const [field] of stringProps(querySchema)) query[field] = value;
          add(key, `unknown project, every query value = ${JSON.stringify(value).slice(0, 20)}`, {
            method: r.method as InjectOptions['method'],
            url: withQuery(path, query),
            headers: unknownProject,
          });
        }
      }
    }

    // — credentials: malformed bearers and project ids; forged, expired, alg:none and wrong-key tokens
    if (!NO_INPUT_200.has(key) && !isWebhook && !r.url.startsWith('/simulator')) {
      const bearers = [
        '',
        'Bearer',
        'Basic dXNlcjpwYXNz',
        `Bearer ${f.projectId.slice(0, 27)}`,
        `Bearer ${f.projectId}X`,
        `Bearer p${f.projectId.slice(1)}`,
        "Bearer P' OR 1=1 --aaaaaaaaaaaaaaaaaa",
        `Bearer P${'x'.repeat(27)}`,
        `Bearer ${'P'.repeat(5000)}`,
      ];
      for (const auth of bearers) {
        const jwksOk = isJwks && auth.includes(f.projectId) && r.url === routes.keys.wellKnown;
        add(
          key,
          `authorization ${JSON.stringify(auth).slice(0, 32)}`,
          requestWith(r.method, withQuery(path, base.query), { authorization: auth }, base.body),
          TOKEN_OPTIONAL_200.has(key) || jwksOk || r.url === routes.keys.jwks ? 'either' : 'error',
        );
      }
      const tokens = r.url.startsWith('/v1/mgmt') || r.url.startsWith('/v2/mgmt') || readsRefreshToken(r.method, r.url);
      if (tokens) {
        const startBody =
          r.url === routes.notp.signIn
            ? { loginId: '', loginOptions: { stepup: true } }
            : (base.body as object | undefined);
        for (const forged of [...f.forged, { name: 'the session JWT', token: f.sessionJwt }]) {
          add(
            key,
            `token: ${forged.name}`,
            requestWith(
              r.method,
              withQuery(path, base.query),
              { authorization: `Bearer ${f.projectId}:${forged.token}` },
              startBody,
            ),
            TOKEN_OPTIONAL_200.has(key) ? 'either' : 'error',
          );
          add(
            key,
            `DSR cookie: ${forged.name}`,
            requestWith(
              r.method,
              withQuery(path, base.query),
              { authorization: `Bearer ${f.projectId}`, cookie: `DSR=${forged.token}` },
              startBody,
            ),
            TOKEN_OPTIONAL_200.has(key) ? 'either' : 'error',
          );
        }
      }
    }

    // — webhooks: missing, forged and misplaced signatures; a replay of a delivery already processed
    if (isWebhook && r.method === 'POST' && r.url === f.replay.url) {
      const { replay } = f;
      for (const [name, sig] of [...replay.forgedSignatures, ['valid signature, body altered', replay.signature]] as [
        string,
        string | undefined,
      ][]) {
        const h: Record<string, string> = { 'content-type': replay.contentType };
        if (sig !== undefined) h[replay.header] = sig;
        add(key, `webhook: ${name}`, {
          method: 'POST',
          url: path,
          headers: h,
          payload: name === 'valid signature, body altered' ? replay.altered : replay.raw,
        });
      }
      if (replay.sign) {
        for (const [name, text] of DEEP_JSON) {
          const raw = Buffer.from(text);
          add(
            key,
            `webhook: signed delivery nested ${name} (200, nothing to do)`,
            {
              method: 'POST',
              url: path,
              headers: { 'content-type': replay.contentType, [replay.header]: replay.sign(raw) },
              payload: raw,
            },
            'either',
          );
        }
      }
      add(
        key,
        'webhook: replay of a processed delivery (200, deduplicated)',
        {
          method: 'POST',
          url: path,
          headers: { 'content-type': replay.contentType, [replay.header]: replay.signature },
          payload: replay.raw,
        },
        'either',
      );
    }

    // — junk query strings and headers on every route
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
  return cases;
}

function jsonRequest(method: string, url: string, headers: Record<string, string>, body: unknown): InjectOptions {
  return {
    method: method as InjectOptions['method'],
    url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  };
}

function requestWith(method: string, url: string, headers: Record<string, string>, body: unknown): InjectOptions {
  return method === 'GET' || body === undefined
    ? { method: method as InjectOptions['method'], url, headers }
    : jsonRequest(method, url, headers, body);
}

/**
 * SHA-256 over every row of every table, in a stable order. The one change bad input may make is the audit of a wrong
 * management key (issue 13: failed management authentications are audited), so those rows are left out.
 */
function databaseChecksum(db: Database): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`\u0001${name}\u0001`);
    const where = name === 'audit_events' ? ` WHERE type <> 'management-auth-failed'` : '';
    for (const row of db.prepare(`SELECT * FROM "${name}"${where} ORDER BY rowid`).iterate()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest('hex');
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

type Provider = 'simulator' | 'twilio';

const TWILIO_ENV = {
  NOTP_WHATSAPP_PROVIDER: 'twilio',
  NOTP_TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  NOTP_TWILIO_AUTH_TOKEN: 'twilio-auth-token-for-tests',
  NOTP_WHATSAPP_NUMBER: '+16505550100',
};

/** Cloud API: the delivery Meta would send for one text message, signed with the app secret. */
function cloudApiReplay(server: TestServer, now: number): Fixture['replay'] {
  const config = server.deps.config;
  const delivery = (body: string) =>
    Buffer.from(
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '1',
            changes: [
              {
                field: 'messages',
                value: {
                  metadata: {
                    display_phone_number: config.whatsappNumber.slice(1),
                    phone_number_id: config.cloudApi.phoneNumberId,
                  },
                  contacts: [{ profile: { name: 'R' }, wa_id: '16505550902', user_id: 'US.1' }],
                  messages: [
                    {
                      from: '16505550902',
                      from_user_id: 'US.1',
                      id: 'wamid.replayed',
                      timestamp: String(Math.floor(now / 1000)),
                      type: 'text',
                      text: { body },
                    },
                  ],
                },
              },
            ],
          },
        ],
      }),
    );
  const raw = delivery('hello');
  const sign = (bytes: Buffer) =>
    `sha256=${createHmac('sha256', cloudApiAppSecret(config, server.deps.masterKey)).update(bytes).digest('hex')}`;
  const signature = sign(raw);
  return {
    url: routes.webhooks.whatsapp,
    contentType: 'application/json',
    raw,
    altered: delivery('hellO'),
    header: 'x-hub-signature-256',
    signature,
    sign,
    forgedSignatures: [
      ['missing signature', undefined],
      ['empty signature', ''],
      ['random signature', `sha256=${randomBytes(32).toString('hex')}`],
      ['one hex digit changed', signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'))],
      ['truncated signature', signature.slice(0, -2)],
      ['signature with a suffix', `${signature}00`],
      ['sha1 scheme', `sha1=${createHmac('sha1', 'x').update(raw).digest('hex')}`],
      ['non-hex signature', `sha256=${'zz'.repeat(32)}`],
      ['signature of an empty body', sign(Buffer.alloc(0))],
    ],
  };
}

/** Twilio: the form Twilio would post for one WhatsApp message, signed over the public URL. */
function twilioForm(server: TestServer, from: string, body: string, sid: string): Map<string, string[]> {
  return new Map([
    ['MessageSid', [sid]],
    ['From', [`whatsapp:${from}`]],
    ['To', [`whatsapp:${server.deps.config.whatsappNumber}`]],
    ['Body', [body]],
    ['WaId', [from.slice(1)]],
  ]);
}

function twilioReplay(server: TestServer, fields: Map<string, string[]>): Fixture['replay'] {
  const url = `${server.deps.config.publicUrl}${routes.webhooks.twilio}`;
  const token = TWILIO_ENV.NOTP_TWILIO_AUTH_TOKEN;
  const encode = (f: Map<string, string[]>) =>
    Buffer.from(new URLSearchParams([...f].flatMap(([k, vs]) => vs.map((v) => [k, v]))).toString());
  const signature = twilioSignature(token, url, fields).toString('base64');
  const altered = new Map(fields);
  altered.set('Body', ['something else']);
  return {
    url: routes.webhooks.twilio,
    contentType: 'application/x-www-form-urlencoded',
    raw: encode(fields),
    altered: encode(altered),
    header: 'x-twilio-signature',
    signature,
    forgedSignatures: [
      ['missing signature', undefined],
      ['empty signature', ''],
      ['random signature', randomBytes(20).toString('base64')],
      ['one character changed', signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))],
      ['truncated signature', signature.slice(0, -4)],
      ['signature with a suffix', `${signature}AAAA`],
      [
        'signed over the Host URL, not the public URL',
        twilioSignature(token, `http://evil.example${routes.webhooks.twilio}`, fields).toString('base64'),
      ],
      ['signed with another token', twilioSignature('wrong-token', url, fields).toString('base64')],
    ],
  };
}

/** A login through the provider's real webhook (simulator page or a signed Twilio form), for genuine tokens. */
async function loginThrough(server: TestServer, provider: Provider, phone: string) {
  if (provider === 'simulator') return { ...(await loginWithWhatsApp(server, phone)), replay: null };
  const started = await server.app.inject({
    method: 'POST',
    url: routes.notp.signUpOrIn,
    headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ loginId: phone }),
  });
  const { pendingRef, redirectUrl } = JSON.parse(started.body) as { pendingRef: string; redirectUrl: string };
  const fields = twilioForm(server, phone, messageOf(redirectUrl), `SM${randomBytes(16).toString('hex')}`);
  const replay = twilioReplay(server, fields);
  const delivered = await server.app.inject({
    method: 'POST',
    url: routes.webhooks.twilio,
    headers: { 'content-type': replay.contentType, [replay.header]: replay.signature },
    payload: replay.raw,
  });
  expect(delivered.statusCode).toBe(200);
  const session = await server.app.inject({
    method: 'POST',
    url: routes.notp.pendingSession,
    headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ pendingRef }),
  });
  expect(session.statusCode).toBe(200);
  const body = JSON.parse(session.body) as { sessionJwt: string; refreshJwt: string; user: { userId: string } };
  return { sessionJwt: body.sessionJwt, refreshJwt: body.refreshJwt, userId: body.user.userId, pendingRef, replay };
}

/** A server in `provider` mode, one genuine login, forged tokens and a processed delivery to replay. */
async function prepare(provider: Provider): Promise<{ server: TestServer; clock: ManualClock; fixture: Fixture }> {
  const clock = manualClock();
  // Limits far out of reach: this suite checks input handling; the limits have their own suite.
  const server = await startTestServer(
    {
      NOTP_RATE_LIMIT_START_PER_IP: '1000000',
      NOTP_RATE_LIMIT_START_PER_LOGIN_ID: '1000000',
      NOTP_RATE_LIMIT_POLLS_PER_PENDING_REF: '1000000',
      NOTP_RATE_LIMIT_REFRESH_PER_TOKEN: '1000000',
      NOTP_RATE_LIMIT_MANAGEMENT_PER_KEY: '1000000',
      // Else the 11th wrong key would turn every later management case into a 429 (test/security/managementKeyGuessing.test.ts).
      NOTP_RATE_LIMIT_MANAGEMENT_FAILURES_PER_IP: '1000000',
      NOTP_RATE_LIMIT_INBOUND_PER_SENDER: '1000000',
      ...(provider === 'twilio' ? TWILIO_ENV : {}),
    },
    { clock },
  );
  const login = await loginThrough(server, provider, '+16505550901');
  const { projectId } = server;
  const claims = JSON.parse(Buffer.from(login.refreshJwt.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const header = JSON.parse(Buffer.from(login.refreshJwt.split('.')[0]!, 'base64url').toString()) as { kid: string };
  // Expired but genuinely signed: sign with a 1 s lifetime, then move the server's clock past it (and the 5 s leeway).
  const expired = await server.deps.tokens.sign(projectId, { sub: login.userId, drn: 'DSR', jti: claims['jti'] }, 1);
  clock.advance(60_000);
  const { privateKey } = await generateKeyPair('RS256');
  const wrongKey = (kid: string) =>
    new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey);
  const parts = login.refreshJwt.split('.');
  const forged = [
    { name: 'garbage', token: 'not.a.jwt' },
    { name: 'empty segments', token: '..' },
    { name: 'alg none', token: `${b64url({ alg: 'none', kid: header.kid, typ: 'JWT' })}.${parts[1]}.` },
    { name: 'alg none, no kid', token: `${b64url({ alg: 'none', typ: 'JWT' })}.${parts[1]}.` },
    {
      name: 'HS256 with the public key as secret',
      token: `${b64url({ alg: 'HS256', kid: header.kid })}.${parts[1]}.${randomBytes(32).toString('base64url')}`,
    },
    { name: 'wrong key, real kid', token: await wrongKey(header.kid) },
    { name: 'wrong key, unknown kid', token: await wrongKey('kid-unknown') },
    {
      name: 'payload swapped (sub changed)',
      token: `${parts[0]}.${b64url({ ...claims, sub: 'Uattacker' })}.${parts[2]}`,
    },
    { name: 'signature stripped', token: `${parts[0]}.${parts[1]}.` },
    { name: 'expired', token: expired.jwt },
    { name: '8 KB token', token: `${parts[0]}.${'A'.repeat(8192)}.${parts[2]}` },
  ];
  let replay = login.replay;
  if (replay === null) {
    // One processed delivery, replayed later: same bytes, same signature, same wamid.
    replay = cloudApiReplay(server, clock.now());
    const first = await server.app.inject({
      method: 'POST',
      url: replay.url,
      headers: { 'content-type': replay.contentType, [replay.header]: replay.signature },
      payload: replay.raw,
    });
    expect(first.statusCode).toBe(200);
  }
  const fixture: Fixture = {
    projectId,
    mgmt: server.managementKey,
    refreshJwt: login.refreshJwt,
    sessionJwt: login.sessionJwt,
    forged,
    replay,
  };
  return { server, clock, fixture };
}

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

describe('a start that succeeds can always be completed (no input fails pending-session after its consume)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NOTP_RATE_LIMIT: 'off' });
  }, 60_000);
  afterAll(() => server?.close());

  // As JSON text: a value thousands deep must not pass through anything that recurses on the test's side either.
  const claimsCases: [string, string, 'completes' | 'refused'][] = [
    ['flat claims', '{"plan":"pro","n":1}', 'completes'],
    ['arrays 8 deep (the limit)', `{"deep":${nestedArrays(8)}}`, 'completes'],
    ['objects 7 deep inside the value', `{"deep":${nestedObjects(7)}}`, 'completes'],
    ['arrays 9 deep', `{"deep":${nestedArrays(9)}}`, 'refused'],
    ['objects 64 deep', `{"deep":${nestedObjects(64)}}`, 'refused'],
    ['arrays 4,000 deep', `{"deep":${nestedArrays(4000)}}`, 'refused'],
    ['objects 4,100 deep', `{"deep":${nestedObjects(4100)}}`, 'refused'],
  ];

  const table = claimsCases.map(([name, customClaims, outcome], i) => ({ name, customClaims, outcome, i }));
  it.each(table)('$name → $outcome', async ({ customClaims, outcome, i }) => {
    const phone = `+165055510${String(i).padStart(2, '0')}`;
    const started = await server.app.inject({
      method: 'POST',
      url: routes.notp.signUpOrIn,
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json' },
      payload: `{"loginId":"${phone}","loginOptions":{"customClaims":${customClaims}}}`,
    });
    if (outcome === 'refused') {
      expect(started.statusCode).toBe(400);
      expect(errorByCode((started.json() as { errorCode: string }).errorCode)?.status).toBe(400);
      return;
    }
    expect(started.statusCode).toBe(200);
    const { pendingRef, redirectUrl } = started.json() as { pendingRef: string; redirectUrl: string };
    expect((await server.sendWhatsApp(phone, messageOf(redirectUrl))).status).toBe(200);
    const session = await server.app.inject({
      method: 'POST',
      url: routes.notp.pendingSession,
      headers: { authorization: `Bearer ${server.projectId}`, 'content-type': 'application/json', prefer: 'wait=5' },
      payload: JSON.stringify({ pendingRef }),
    });
    expect(session.statusCode).toBe(200);
    expect((session.json() as { claims: Record<string, unknown> }).claims['nsec']).toEqual(JSON.parse(customClaims));
  });
});
