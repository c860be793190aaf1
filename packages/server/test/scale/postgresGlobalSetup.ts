// Global setup of the PostgreSQL + Redis run (vitest.postgres.config.ts): one private cluster and one redis-server
// for the whole run, handed to the test workers through the environment, stopped at the end.
import { PrivateRedis } from '../../src/events/redis/testing/PrivateRedis.js';
import { PrivatePostgres, postgresUnavailableReason } from '../../src/store/postgres/testing/PrivatePostgres.js';
import { PG_ADMIN_URL_ENV, REDIS_URL_ENV } from '@notp/test-utils/shared-backend';

export default async function setup(): Promise<() => Promise<void>> {
  const reason = postgresUnavailableReason();
  // This run exists only to exercise PostgreSQL: without it there is nothing honest to report but a failure.
  if (reason) throw new Error(`the PostgreSQL + Redis run cannot start: ${reason}`);
  const cluster = await PrivatePostgres.start();
  const redis = await PrivateRedis.start();
  process.env[PG_ADMIN_URL_ENV] = cluster.urlFor('postgres');
  process.env[REDIS_URL_ENV] = redis.url;
  process.stdout.write(
    `\n▶ integration + compat suites on PostgreSQL (port ${cluster.port}) and Redis (${redis.url})\n`,
  );
  return async () => {
    await redis.stop();
    await cluster.stop();
  };
}
