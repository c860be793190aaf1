// JSON schemas of the console sign-in routes (http/routes/consoleSession.ts): the project to sign in to, the two
// sign-ins, the current session, logout.
import { PROJECT_ID_PATTERN } from '@notp/core';
import { emptyAnswer, int, str } from '../responseSchemas.js';

const projectId = { type: 'string', pattern: PROJECT_ID_PATTERN.source } as const;

/** The `ConsoleSession` answer. */
const sessionAnswer = {
  200: {
    type: 'object',
    required: ['projectId', 'projectName', 'admin', 'csrfToken', 'idleTimeoutSec', 'expiresAt'],
    properties: {
      projectId: str,
      projectName: str,
      admin: {
        type: 'object',
        required: ['kind'],
        properties: {
          kind: { type: 'string', enum: ['user', 'management-key'] },
          userId: str,
          name: str,
          loginId: str,
        },
      },
      csrfToken: str,
      idleTimeoutSec: int,
      expiresAt: { type: 'integer', description: 'epoch ms: the absolute end of the session' },
    },
  },
} as const;

/** A sign-in body: the project, and the credential that proves the admin (`secret`, at most `maxLength` chars). */
const signInBody = <K extends string>(secret: K, maxLength: number) =>
  ({
    type: 'object',
    required: ['projectId', secret],
    properties: { projectId, [secret]: { type: 'string', minLength: 1, maxLength } },
  }) as const;

/** Route schemas per console sign-in route. */
export const consoleSessionSchemas = {
  project: {
    querystring: { type: 'object', properties: { project: projectId }, additionalProperties: false },
    response: { 200: { type: 'object', required: ['projectId', 'name'], properties: { projectId: str, name: str } } },
  },
  signInWithJwt: { body: signInBody('sessionJwt', 8192), response: sessionAnswer },
  signInWithKey: { body: signInBody('managementKey', 512), response: sessionAnswer },
  session: { response: sessionAnswer },
  logout: { body: { type: 'object', maxProperties: 0 }, response: emptyAnswer },
} as const;
