// Bad-input suite: the attack cases of one route (custom claims, odd strings and injections, credentials, webhooks).
import { routes } from '@notp/core';
import type { InjectOptions } from 'light-my-request';
import {
  BAD_CUSTOM_CLAIMS,
  DEEP_JSON,
  INJECTIONS,
  ODD_STRINGS,
  type RouteUnderTest,
  TOKEN_OPTIONAL_200,
  jsonRequest,
  requestWith,
  stringProps,
  withQuery,
} from './inputs.js';
import { readsRefreshToken, SEMANTIC_PROBES } from './routeRequests.js';

/** Custom claims over a limit, on every start (the key-less bearer: untrusted claims). */
export function claimCases(t: RouteUnderTest): void {
  const { f, r, key, path, base, add } = t;
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
}

/** Odd Unicode and injections: where the state refuses any value, and everywhere else behind an unknown project. */
export function stringCases(t: RouteUnderTest): void {
  const { r, key, path, base, headers, isWebhook, hasBody, isJwks, bodySchema, querySchema, NO_INPUT_200, add } = t;
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
}

/** Credentials: malformed bearers and project ids; forged, expired, alg:none and wrong-key tokens. */
export function credentialCases(t: RouteUnderTest): void {
  const { f, r, key, path, base, isWebhook, isJwks, NO_INPUT_200, add } = t;
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
}

/** Webhooks: missing, forged and misplaced signatures; a replay of a delivery already processed. */
export function webhookCases(t: RouteUnderTest): void {
  const { f, r, key, path, isWebhook, add } = t;
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
}
