// Bench-only instrumentation of one server process: PostgreSQL statements and Redis commands sent, Redis messages
// received, and CPU time — counted at the client libraries (pg, ioredis), so every store and event-bus call shows.
import pg from 'pg';
import { Redis } from 'ioredis';

export interface IoCounts {
  /** Statements sent to PostgreSQL (each a round trip; BEGIN and COMMIT count). */
  dbStatements: number;
  /** Commands sent to Redis (PUBLISH, SUBSCRIBE, UNSUBSCRIBE, …). */
  redisCommands: number;
  /** Pub/sub messages Redis delivered to this process. */
  redisMessages: number;
  /** CPU time of this process, µs (user + system). */
  cpuMicros: number;
}

const counts = { dbStatements: 0, redisCommands: 0, redisMessages: 0 };

/** Wraps pg.Client#query, Redis#sendCommand and Redis#emit('message'); call before the server starts. */
export function countIo(): void {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    counts.dbStatements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const sendCommand = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function (this: Redis, ...args: Parameters<typeof sendCommand>) {
    counts.redisCommands++;
    return sendCommand.apply(this, args);
  };
  const emit = Redis.prototype.emit;
  Redis.prototype.emit = function (this: Redis, event: string | symbol, ...args: unknown[]) {
    if (event === 'message') counts.redisMessages++;
    return emit.call(this, event, ...args);
  };
}

export function ioCounts(): IoCounts {
  const cpu = process.cpuUsage();
  return { ...counts, cpuMicros: cpu.user + cpu.system };
}
