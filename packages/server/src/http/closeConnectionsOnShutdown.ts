// closeConnectionsOnShutdown: once the server is closing, every answer (held long-polls answered at shutdown,
// in-flight requests finishing) carries `Connection: close`, so its keep-alive socket ends with it.
import type { FastifyInstance } from 'fastify';

/**
 * Without this, a long-poll answered at shutdown leaves its socket idle in keep-alive, and close() waits for the
 * client to hang up (up to the keep-alive timeout), so a SIGTERM'd instance would hit its forced-exit grace period
 * instead of exiting cleanly. Register on the root instance.
 */
export function closeConnectionsOnShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
