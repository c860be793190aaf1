// sharedBackend: lets the integration and compat suites run unchanged against PostgreSQL + Redis. When the run's
// global setup (packages/server/test/scale/postgresGlobalSetup.ts) started a private cluster and redis-server, every test server gets a fresh
// database on that cluster, the shared Redis, and the master key PostgreSQL requires; otherwise nothing changes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Admin URL of the run's private PostgreSQL cluster (set by the global setup). */
export const PG_ADMIN_URL_ENV = 'NOTP_TEST_PG_ADMIN_URL';
/** URL of the run's private redis-server (set by the global setup). */
export const REDIS_URL_ENV = 'NOTP_TEST_REDIS_URL';

let databases = 0;

/** Env overrides for one test server: {} on the embedded default, else DATABASE_URL, REDIS_URL, NOTP_MASTER_KEY. */
export async function sharedBackendEnv(): Promise<Record<string, string>> {
  const adminUrl = process.env[PG_ADMIN_URL_ENV];
  const redisUrl = process.env[REDIS_URL_ENV];
  if (!adminUrl) return {};
  const name = `t${process.pid}_${++databases}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    DATABASE_URL: url.toString(),
    // Every test server of the run shares this Redis and one client address (127.0.0.1), so the server-wide budget
    // of wrong management keys per address (10 per 15 minutes) would add up across unrelated test files, and one
    // file's deliberate wrong keys would lock every later file out. The budget itself is tested where each server
    // has its own limiter (packages/server/test/security/) and in the Redis limiter's conformance suite.
    ...(redisUrl ? { REDIS_URL: redisUrl, NOTP_RATE_LIMIT_MANAGEMENT_FAILURES_PER_IP: '100000' } : {}),
    NOTP_MASTER_KEY: randomBytes(32).toString('hex'),
  };
}
