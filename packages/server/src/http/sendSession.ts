// Writes an issued session to the HTTP answer: its cookies (cookie delivery) and the JWTResponse body.
import type { FastifyReply } from 'fastify';
import type { IssuedSession } from '../flows/sessions/IssuedSession.js';

export function sendSession(reply: FastifyReply, issued: IssuedSession): FastifyReply {
  for (const cookie of issued.cookies) reply.setCookie(cookie.name, cookie.value, cookie.options);
  // Tokens must never be cached by a proxy or the browser.
  reply.header('cache-control', 'no-store');
  return reply.type('application/json; charset=utf-8').send(issued.response);
}
