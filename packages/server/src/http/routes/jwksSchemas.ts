// JSON schemas of the public-key routes (http/routes/jwks.ts): the project id they name, and the JWKS answer.
import { anyQuery, maxString } from '../requestSchemas.js';
import { answerObject, listOf, str } from '../responseSchemas.js';

/** A project id as these routes take it (checked against the contract's pattern by the route, for its own error). */
const projectId = maxString(64);

/** The project's JWKS: its published public keys. */
const jwksAnswer = { 200: answerObject({ keys: listOf(answerObject({ kid: str })) }) };

/** Route schemas per key route. */
export const jwksSchemas = {
  byPath: {
    params: { type: 'object', required: ['projectId'], properties: { projectId } },
    querystring: anyQuery,
    response: jwksAnswer,
  },
  wellKnown: { querystring: { type: 'object', properties: { projectId } }, response: jwksAnswer },
} as const;
