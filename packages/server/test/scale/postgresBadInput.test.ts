// Bad input that only PostgreSQL refuses (NUL characters, which SQLite stores) is a 4xx catalogue error over HTTP
// on every route that stores or looks up text, never a 500, and the database is left as it was.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrivatePostgres, postgresTestsEnabled } from '../../src/store/postgres/testing/PrivatePostgres.js';
import { startTestServer, type TestServer } from '@notp/test-utils/server';

const enabled = postgresTestsEnabled();

describe.skipIf(!enabled)('NUL characters on PostgreSQL over HTTP', () => {
  let cluster: PrivatePostgres;
  let server: TestServer;
  let db: pg.Pool;

  beforeAll(async () => {
    cluster = await PrivatePostgres.start();
    const url = await cluster.createDatabase();
    server = await startTestServer({ DATABASE_URL: url, NOTP_MASTER_KEY: randomBytes(32).toString('hex') });
    db = new pg.Pool({ connectionString: url, max: 1 });
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await server?.close();
    await cluster?.stop();
  });

  const rowCounts = async () =>
    (
      await db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM users) || '/' || (SELECT count(*) FROM pending_auths) || '/' ||
          (SELECT count(*) FROM user_login_ids) AS n`,
      )
    ).rows[0]?.n;

  it.each([
    [
      'sign-up with a NUL in the email login id',
      '/v1/auth/notp/whatsapp/signup',
      { loginId: 'a\u0000b@example.com' },
      false,
    ],
    [
      'sign-up with a NUL in the user name',
      '/v1/auth/notp/whatsapp/signup',
      { loginId: '+16505551234', user: { name: 'x\u0000y' } },
      false,
    ],
    [
      'custom claims with a NUL',
      '/v1/auth/notp/whatsapp/signup-in',
      { loginId: '', loginOptions: { customClaims: { a: 'x\u0000' } } },
      false,
    ],
    [
      'template options with a NUL',
      '/v1/auth/notp/whatsapp/signup-in',
      { loginId: '', loginOptions: { templateOptions: { a: '\u0000' } } },
      false,
    ],
    [
      'management: create a user with a NUL name',
      '/v1/mgmt/user/create',
      { loginId: 'u1@example.com', name: 'n\u0000n' },
      true,
    ],
  ])('%s → 4xx catalogue error, nothing written', async (_name, path, body, management) => {
    const before = await rowCounts();
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.projectId}${management ? `:${server.managementKey}` : ''}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(((await res.json()) as { errorCode: string }).errorCode).toMatch(/^E\d{6}$/);
    expect(await rowCounts()).toBe(before);
  });
});
