// The one error handler: any thrown error → the contract's JSON error body with a catalogue code (never a bare 500).
import { errors, NotpError, type ErrorDef } from '@notp/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { drainRequest, frameworkErrorToNotp, notFoundOrWrongMethod } from './frameworkErrors.js';

/** Maps Fastify's own framing errors (bad JSON, body too large, validation) onto the catalogue. */
function fromFastifyError(err: FastifyError): NotpError | null {
  if (err.validation) {
    const missing = err.validation.some((v) => v.keyword === 'required');
    const def: ErrorDef = missing ? errors.missingArguments : errors.badRequest;
    const first = err.validation[0];
    const where = first ? `${first.instancePath || err.validationContext || 'body'} ${first.message ?? ''}`.trim() : '';
    return new NotpError(def, { message: where ? `Invalid request: ${where}` : def.description });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new NotpError(errors.badRequest, { message: 'Malformed JSON body' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new NotpError(errors.payloadTooLarge);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new NotpError(errors.unsupportedMediaType);
  }
  // Errors from body parsing (e.g. JSON.parse SyntaxError raised by a parser) carry a 4xx statusCode.
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    if (err.statusCode === 413) return new NotpError(errors.payloadTooLarge);
    if (err.statusCode === 415) return new NotpError(errors.unsupportedMediaType);
    return new NotpError(errors.badRequest, { message: 'Malformed request' });
  }
  return null;
}

/** Fastify's `frameworkErrors` option: the router's own errors answer with the catalogue's body too. */
export function onFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const err = frameworkErrorToNotp(error);
  request.log.info({ code: err.code, detail: error.code }, 'bad request');
  void sendError(reply, err);
}

export function sendError(reply: FastifyReply, err: NotpError): FastifyReply {
  if (err.retryAfter !== undefined) reply.header('retry-after', String(err.retryAfter));
  return reply.status(err.status).type('application/json; charset=utf-8').send(err.toBody());
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    let err: NotpError;
    if (error instanceof NotpError) {
      err = error;
      if (err.status >= 500) request.log.error({ code: err.code, detail: err.detail, err: err.cause }, err.message);
      else request.log.info({ code: err.code, detail: err.detail }, 'request failed');
    } else {
      const mapped = fromFastifyError(error);
      if (mapped) {
        err = mapped;
        request.log.info({ code: err.code, detail: error.message }, 'bad request');
      } else {
        err = new NotpError(errors.internal);
        request.log.error({ err: error }, 'unhandled error');
      }
    }
    // A refused upload is read to its end first, so the client gets to read the 413 (CONTRACT.md §1).
    if (err.code === errors.payloadTooLarge.code) await drainRequest(request.raw);
    return sendError(reply, err);
  });

  // A known path with the wrong method is a 405 with `Allow`, an unknown path a 404 (CONTRACT.md §1).
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    return sendError(reply, notFoundOrWrongMethod(app, request, reply));
  });
}
