// JSON schemas of the session routes (http/routes/sessions.ts): bodies are objects whose unknown members are ignored
// (the web SDK adds fpData), query strings are tolerated; answers are sessions, the user, `{}` or lists.
import { anyQuery } from '../requestSchemas.js';
import { answerObject, emptyAnswer, jwtResponse, listOf, userObject } from '../responseSchemas.js';

const emptyBody = { type: 'object', properties: { externalToken: { type: 'string', maxLength: 8192 } } } as const;
const tenantsBody = {
  type: 'object',
  properties: {
    dct: { type: 'boolean' },
    ids: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 },
  },
} as const;
const selectTenantBody = {
  type: 'object',
  required: ['tenant'],
  properties: { tenant: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const post = (body: object, response: object = jwtResponse) => ({ schema: { body, querystring: anyQuery, response } });
const get = (response: object) => ({ schema: { querystring: anyQuery, response } });

/** Route options (schema) per session route. */
export const sessionSchemas = {
  refresh: post(emptyBody),
  tryRefresh: post(emptyBody),
  logout: post(emptyBody, emptyAnswer),
  logoutAll: post(emptyBody, emptyAnswer),
  me: get({ 200: userObject }),
  meTenants: post(tenantsBody, { 200: answerObject({ tenants: listOf() }) }),
  meHistory: get({ 200: listOf() }),
  selectTenant: post(selectTenantBody),
} as const;
