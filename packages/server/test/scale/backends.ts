// The backends of the scale tests: a private PostgreSQL cluster and redis-server, one fresh database on them, and the
// environment of one project there (master key, project id, management key) that every instance of a test shares.
import { randomBytes } from 'node:crypto';
import { PrivateRedis } from '../../src/events/redis/testing/PrivateRedis.js';
import { PrivatePostgres } from '../../src/store/postgres/testing/PrivatePostgres.js';
import { randomProjectId } from '@notp/test-utils/server';

export interface Backends {
  cluster: PrivatePostgres;
  redis: PrivateRedis;
  /** DATABASE_URL, REDIS_URL and one project's keys: what two instances must share to serve the same project. */
  env: {
    DATABASE_URL: string;
    REDIS_URL: string;
    NOTP_MASTER_KEY: string;
    NOTP_PROJECT_ID: string;
    NOTP_MANAGEMENT_KEY: string;
  };
  /** Stops Redis, then PostgreSQL (stop the servers on them first). */
  stop(): Promise<void>;
}

/** Starts both backends and creates the database; the caller guards with postgresTestsEnabled/redisTestsEnabled. */
export async function startBackends(): Promise<Backends> {
  const [cluster, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
  const env = {
    DATABASE_URL: await cluster.createDatabase(),
    REDIS_URL: redis.url,
    NOTP_MASTER_KEY: randomBytes(32).toString('hex'),
    NOTP_PROJECT_ID: randomProjectId(),
    NOTP_MANAGEMENT_KEY: `K${randomBytes(24).toString('base64url')}`,
  };
  return {
    cluster,
    redis,
    env,
    async stop() {
      await redis.stop();
      await cluster.stop();
    },
  };
}
