// rejectUnstorableText: turns PostgreSQL's refusal of text it cannot store (a NUL character, in a text column or
// inside jsonb) into the catalogue's 400 "invalid arguments", so such input is bad input, never a 500.
// SQLite stores NUL; PostgreSQL cannot, whatever we do, so this is the one place that adapter differs.
import { errors, NotpError } from '@notp/core';
import type pg from 'pg';

/** SQLSTATEs of unstorable characters: 22021 (NUL in text), 22P05 (\u0000 in jsonb). */
const UNSTORABLE = new Set(['22021', '22P05']);

function translate(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !UNSTORABLE.has(code)) return err;
  return new NotpError(errors.invalidArguments, {
    message: 'Text must not contain NUL characters',
    detail: `postgres ${code}: ${err instanceof Error ? err.message : String(err)}`,
  });
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Wraps `client.query` (promise and callback forms; pool.query goes through it too) of every connection the pool
 * opens. A statement that fails this way has changed nothing, and a transaction around it rolls back as usual.
 */
export function rejectUnstorableText(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    const wrapped: QueryFn = (...args) => {
      const last = args.at(-1);
      if (typeof last === 'function') {
        const callback = last as (err: unknown, result?: unknown) => void;
        args[args.length - 1] = (err: unknown, result?: unknown) => callback(err ? translate(err) : err, result);
        return query(...args);
      }
      const result = query(...args);
      return result instanceof Promise
        ? result.catch((err: unknown) => {
            throw translate(err);
          })
        : result;
    };
    client.query = wrapped as typeof client.query;
  });
}
