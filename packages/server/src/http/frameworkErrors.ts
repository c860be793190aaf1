// Errors raised below the routes (router, HTTP parser, timeouts) and wrong methods → the catalogue's JSON body.
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type ErrorDef, errors, NotpError } from '@notp/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';

/** Methods a path may answer; OPTIONS is left out (CORS answers it for every path). */
const PROBED_METHODS: readonly HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The methods `app` has a route for at `path` (a concrete path, no query string); empty for an unknown path. */
export function allowedMethods(app: FastifyInstance, path: string): HTTPMethods[] {
  return PROBED_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
}

/** Fastify's `frameworkErrors` option: router errors (bad percent-encoding, over-long parameter) → catalogue. */
export function frameworkErrorToNotp(error: FastifyError): NotpError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return new NotpError(errors.malformedUrl, { message: 'Malformed URL: invalid percent-encoding in the path' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new NotpError(errors.urlTooLong, { message: 'URL too long: a path parameter exceeds 100 characters' });
    default:
      return new NotpError(errors.malformedHttp);
  }
}

/** The catalogue entry for an error Node's HTTP parser or its timeouts report on a socket (`clientError`). */
export function clientErrorDef(code: string | undefined): ErrorDef {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return errors.requestTimeout;
    case 'HPE_HEADER_OVERFLOW':
      return errors.headersTooLarge;
    case 'HPE_URI_TOO_LONG': // not raised by Node today (the URL counts against the header size), kept for safety
      return errors.urlTooLong;
    default:
      return errors.malformedHttp;
  }
}

/**
 * Fastify's `clientErrorHandler`: the socket has no request object yet, so the answer is written raw — same body,
 * status and security headers as every other error — and the connection closed, as Node itself would.
 */
export function writeClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const def = clientErrorDef(err.code);
  const body = JSON.stringify(new NotpError(def).toBody());
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${def.status} ${STATUS_CODES[def.status] ?? 'Error'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
        body,
    );
  }
  // end() flushes the answer before closing; destroy only what end() could not close (a half-open peer).
  socket.setTimeout(1_000, () => socket.destroy());
}

/** The reply for a request no route matched: 405 with `Allow` for a known path, 404 otherwise. */
export function notFoundOrWrongMethod(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): NotpError {
  const path = request.url.split('?')[0] ?? '/';
  const allow = request.method === 'OPTIONS' ? [] : allowedMethods(app, path);
  if (allow.length > 0) {
    reply.header('allow', allow.join(', '));
    return new NotpError(errors.methodNotAllowed, { message: `${request.method} is not allowed on ${path}` });
  }
  return new NotpError(errors.routeNotFound, { message: `No route ${request.method} ${path}` });
}

/** Most bytes of a refused body read (and discarded) so the client is still listening when the 413 comes. */
export const DRAIN_LIMIT = 16 * 1024 * 1024; // bytes

/**
 * Reads and discards the rest of a request body, up to `maxBytes`. Answering 413 while the client is still uploading
 * and then closing makes the kernel reset the connection, and the client loses the answer (EPIPE/ECONNRESET in
 * fetch); once the upload is drained the 413 is read like any answer. Bounded in time by the request timeout.
 */
export function drainRequest(req: IncomingMessage, maxBytes = DRAIN_LIMIT): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      req.off('data', onData).off('end', finish).off('error', finish).off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) finish();
    };
    req.on('data', onData).on('end', finish).on('error', finish).on('close', finish);
    req.resume();
  });
}
