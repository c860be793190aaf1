// The management family's auth through the real server: the console cookie + CSRF header on management routes, the
// refusals (CSRF, Origin, session), a revoked role, and the acting admin on audit rows; the key path unchanged.
import { errors } from '@notp/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@notp/test-utils/server';
import { consoleKit } from '../flows/console/testing/consoleTestKit.js';

let server: TestServer;
const kit = consoleKit(() => server);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('management routes with a console session', () => {
  it('authorise users, settings and authz routes by cookie + CSRF, for the session’s project', async () => {
    const who = await kit.signInAs(await kit.createUser('+16505550201', ['console-admin']));
    expect((await kit.asConsole(who, 'GET', '/v1/mgmt/license')).status).toBe(200);
    const project = await kit.asConsole(who, 'GET', '/v1/mgmt/notp/project');
    expect(project).toMatchObject({ status: 200, body: { projectId: server.projectId } });
    const search = await kit.asConsole(who, 'POST', '/v2/mgmt/user/search', { text: '0201' });
    expect(search.body.total).toBe(1);
    expect((await kit.asConsole(who, 'GET', '/v1/mgmt/role/all')).status).toBe(200);
    const same = await kit.asConsole(who, 'GET', '/v1/mgmt/license', undefined, { origin: server.url });
    expect(same.status).toBe(200);
  });

  it('refuse a missing or wrong CSRF header and a foreign Origin with 403 E910003', async () => {
    const who = await kit.signInAs(await kit.createUser('+16505550202', ['console-admin']));
    const refusals = [
      await kit.send('GET', '/v1/mgmt/notp/project', { headers: { cookie: who.cookie } }),
      await kit.asConsole(who, 'GET', '/v1/mgmt/notp/project', undefined, { 'x-notp-csrf': `${who.csrf.slice(1)}A` }),
      await kit.asConsole(who, 'GET', '/v1/mgmt/notp/project', undefined, { 'x-notp-csrf': '' }),
      await kit.asConsole(
        who,
        'POST',
        '/v1/mgmt/project/update/name',
        { name: 'Evil' },
        { origin: 'https://evil.example' },
      ),
    ];
    for (const r of refusals)
      expect(r).toMatchObject({ status: 403, body: { errorCode: errors.consoleCsrfInvalid.code } });
    expect((await kit.send('GET', '/v1/mgmt/notp/project', { headers: kit.key() })).body.name).not.toBe('Evil');
  });

  it('refuse an unknown or logged-out session with 401 E910002', async () => {
    const who = await kit.signInWithKey();
    await kit.asConsole(who, 'POST', '/console/api/session/logout');
    const r = await kit.asConsole(who, 'GET', '/v1/mgmt/license');
    expect(r).toMatchObject({ status: 401, body: { errorCode: errors.consoleSessionRequired.code } });
  });

  it('stop at the next request once the admin’s console-admin role is removed (and their sessions are gone)', async () => {
    const other = await kit.signInWithKey();
    const phone = '+16505550203';
    const userId = await kit.createUser(phone, ['console-admin']);
    const who = await kit.signInAs(userId);
    const sameAdminElsewhere = await kit.signInAs(userId);
    const removed = await kit.asConsole(other, 'POST', '/v1/mgmt/user/update/role/remove', {
      loginId: phone,
      roleNames: ['console-admin'],
    });
    expect(removed.status).toBe(200);
    const next = await kit.asConsole(who, 'GET', '/v1/mgmt/license');
    expect(next).toMatchObject({ status: 403, body: { errorCode: errors.consoleNotAdmin.code } });
    expect((await kit.asConsole(who, 'GET', '/v1/mgmt/license')).status).toBe(401);
    // All of that admin's console sessions ended, not only the one that asked.
    expect((await kit.asConsole(sameAdminElsewhere, 'GET', '/console/api/session')).status).toBe(401);
  });

  it('audit every change with the acting admin; the audit answer carries actorUserId (null for the key)', async () => {
    const adminId = await kit.createUser('+16505550204', ['console-admin']);
    const who = await kit.signInAs(adminId);
    const target = await kit.createUser('+16505550205', []);
    const disabled = await kit.asConsole(who, 'POST', '/v1/mgmt/user/update/status', {
      loginId: '+16505550205',
      status: 'disabled',
    });
    expect(disabled.status).toBe(200);
    const renamed = await kit.asConsole(who, 'POST', '/v1/mgmt/project/update/name', { name: 'Renamed by console' });
    expect(renamed.status).toBe(200);
    const page = await kit.asConsole(who, 'GET', `/v1/mgmt/notp/audit?userId=${target}`);
    const events = page.body.events as { type: string; actorUserId: string | null; detail: string }[];
    // Newest first: the console's status change, then the key's create.
    expect(events.map((e) => [e.type, e.actorUserId])).toEqual([
      ['management', adminId],
      ['management', null],
    ]);
    const changed = await kit.send('GET', '/v1/mgmt/notp/audit?type=project-changed', { headers: kit.key() });
    const [last] = changed.body.events as { actorUserId: string | null }[];
    expect(last?.actorUserId).toBe(adminId);
  });
});

describe('management routes with the key (unchanged)', () => {
  it('a bearer always means the key, even with a console cookie beside it', async () => {
    const who = await kit.signInWithKey();
    const wrongKey = await kit.send('GET', '/v1/mgmt/license', {
      headers: { cookie: who.cookie, 'x-notp-csrf': who.csrf, authorization: `Bearer ${server.projectId}:Kwrong` },
    });
    expect(wrongKey).toMatchObject({ status: 401, body: { errorCode: errors.managementKeyInvalid.code } });
    const noAuth = await kit.send('GET', '/v1/mgmt/license');
    expect(noAuth).toMatchObject({ status: 401, body: { errorCode: errors.projectUnknown.code } });
  });
});
