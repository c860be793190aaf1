// Request schemas shared by the routes (bodies, query strings, params): the repeated limits and shapes, written once.
import type { FastifyRequest } from 'fastify';

/** A string of at most `maxLength` characters. */
export const maxString = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/** Longest id a request may name (a login id can be an email address). */
export const MAX_ID = 320; // chars

/** Any query string is tolerated (CONTRACT.md §1); http/openapi.ts documents it as "no parameters". */
export const anyQuery = { type: 'object' } as const;

/** Any JSON object body (its members, if any, are the flow's to check). */
export const anyBody = { type: 'object' } as const;

/** The user a management request names: `loginId` or `userId`. */
export const userRefProperties = { loginId: maxString(MAX_ID), userId: maxString(MAX_ID) } as const;

/** `{ loginId }` or `{ userId }`, one of them required (a body or a query string). */
export const userRef = {
  type: 'object',
  properties: userRefProperties,
  anyOf: [{ required: ['loginId'] }, { required: ['userId'] }],
} as const;

/** Epoch ms in a query string (no type coercion: query values are strings). */
export const queryEpochMs = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;

/** A page size in a query string: up to four digits (the flow clamps it). */
export const queryLimit = { type: 'string', pattern: '^[0-9]{1,4}$' } as const;

/** The `*` of a wildcard route: a file path inside a served directory. */
export const wildcardParams = { type: 'object', properties: { '*': maxString(512) } } as const;

/** preValidation: clients send some POSTs with no body at all; treat that as `{}` so the body schema sees an object. */
export async function absentBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}
