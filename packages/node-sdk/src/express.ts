// @notp/node-sdk/express: middleware that authenticates a request (Bearer or DS/DSR cookies) or answers 401 JSON.
import type { AuthenticationInfo } from '@notp/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateRequest } from './framework/authenticateRequest.js';
import type { NotpNodeClient } from './NotpClient.js';

export { jwtResponseToCookies } from './session/jwtResponseToCookies.js';

/** The request after the middleware ran: `notpAuth` holds the validated session. */
export type NotpAuthenticatedRequest = IncomingMessage & { notpAuth?: AuthenticationInfo };

/**
 * `app.use(notpAuth(client))` or per route. On success sets `req.notpAuth` (and, after a refresh, the new DS/DSR
 * cookies on the response) and calls `next()`; otherwise answers 401 with the contract's JSON error body.
 */
export function notpAuth(client: NotpNodeClient) {
  return (req: NotpAuthenticatedRequest, res: ServerResponse, next: (err?: unknown) => void): void => {
    authenticateRequest(client, req.headers).then((outcome) => {
      if (!outcome.ok) {
        res.statusCode = 401;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(outcome.body));
        return;
      }
      req.notpAuth = outcome.authInfo;
      if (outcome.setCookies.length > 0) res.appendHeader('set-cookie', outcome.setCookies);
      next();
    }, next);
  };
}
