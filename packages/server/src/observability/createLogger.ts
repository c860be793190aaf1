// createLogger(config): pino with secrets redacted, as JSON lines (production, pipes) or readable lines (a terminal).
import type { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from '../config/config.js';
import { redactUrl } from './redactUrl.js';

/** Where secrets could appear in a log record: always replaced before a line is written, in either format. */
export const REDACTED_PATHS: readonly string[] = Object.freeze([
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-twilio-signature"]',
  'res.headers["set-cookie"]',
  '*.pendingRef',
  '*.refreshJwt',
  '*.sessionJwt',
  '*.managementKey',
]);

/** The request as Fastify logs it ("incoming request"), with secret query values masked (observability/redactUrl.ts). */
function requestForLog(req: {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  return {
    method: req.method,
    url: redactUrl(req.url ?? ''),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export interface LogTarget {
  /** Where lines go (default: standard output). */
  stream?: Writable;
  /** Whether that stream is a terminal (default: `process.stdout.isTTY`). */
  isTTY?: boolean;
  /** NODE_ENV (default: `process.env.NODE_ENV`). */
  nodeEnv?: string | undefined;
}

/** NOTP_LOG_FORMAT → the format used: `auto` is pretty on a terminal outside production, JSON otherwise. */
export function resolveLogFormat(
  format: Config['logFormat'],
  target: { isTTY: boolean; nodeEnv: string | undefined },
): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  return target.isTTY && target.nodeEnv !== 'production' ? 'pretty' : 'json';
}

export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, target: LogTarget = {}): Logger {
  const isTTY = target.isTTY ?? process.stdout.isTTY === true;
  const nodeEnv = 'nodeEnv' in target ? target.nodeEnv : process.env.NODE_ENV;
  const options = {
    level: config.logLevel,
    serializers: { req: requestForLog },
    // Secrets never reach logs: pino censors these paths while serialising, before any formatting.
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
  };
  if (resolveLogFormat(config.logFormat, { isTTY, nodeEnv }) === 'json') {
    return target.stream ? pino(options, target.stream) : pino(options);
  }
  // pino-pretty as an in-process stream (no worker thread): it reads the already-redacted JSON line.
  const stream = pretty({
    destination: target.stream ?? 1,
    sync: true,
    colorize: isTTY,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return pino(options, stream);
}
