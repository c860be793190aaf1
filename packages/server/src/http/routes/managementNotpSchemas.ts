// JSON schemas of the notp-extension management routes (http/routes/managementNotp.ts): a user's sessions and their
// revocation, key rotation, the audit log.
import { AUDIT_EVENT_TYPES } from '../../store/ports.js';
import { anyBody, MAX_ID, maxString, queryEpochMs, queryLimit, userRef } from '../requestSchemas.js';
import { answerObject, listOf } from '../responseSchemas.js';

/** Route schemas per notp-extension management route. */
export const notpMgmtSchemas = {
  sessions: { querystring: userRef, response: { 200: answerObject({ sessions: listOf() }) } },
  sessionRevoke: {
    body: {
      type: 'object',
      required: ['sessionId'],
      properties: { sessionId: { type: 'string', minLength: 1, maxLength: 64 } },
    },
    response: { 200: answerObject({ revoked: { type: 'integer' } }) },
  },
  keysRotate: { body: anyBody, response: { 200: answerObject({ kid: { type: 'string' } }) } },
  audit: {
    querystring: {
      type: 'object',
      properties: {
        userId: maxString(MAX_ID),
        type: { type: 'string', enum: [...AUDIT_EVENT_TYPES] },
        since: queryEpochMs,
        until: queryEpochMs,
        cursor: queryEpochMs,
        limit: queryLimit,
      },
    },
    response: { 200: answerObject() },
  },
} as const;
