// Management API (CONTRACT.md §7): users — create, load, update, patch, phone, status, delete, logout, search.
// Registered inside managementRoutes (same authorisation, null handling and audit hooks).
import { type MgmtUserRequest, routes, type UserResponse } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import { createUser } from '../../flows/management/createUser.js';
import { deleteUser, logoutUser } from '../../flows/management/deleteUser.js';
import { findUser, type UserRef } from '../../flows/management/findUser.js';
import { type SearchUsersInput, searchUsers } from '../../flows/management/searchUsers.js';
import { updateUser } from '../../flows/management/updateUser.js';
import { type UpdatePhoneInput, updateUserPhone, updateUserStatus } from '../../flows/management/updateUserPhone.js';
import { toUserResponse } from '../../users/wire.js';
import { managedProjectId } from '../managementAuth.js';
import { userSchemas } from './managementUsersSchemas.js';

const answer = (user: Parameters<typeof toUserResponse>[0]): { user: UserResponse } => ({
  user: toUserResponse(user),
});

export function registerUserRoutes(app: FastifyInstance, deps: Deps): void {
  for (const [path, test] of [
    [routes.mgmt.userCreate, false],
    [routes.mgmt.userCreateTest, true],
  ] as const) {
    app.post<{ Body: MgmtUserRequest }>(path, { schema: userSchemas.create }, async (request) => {
      const projectId = managedProjectId(request);
      return answer(await createUser(deps, projectId, request.body, { test }));
    });
  }

  app.get<{ Querystring: UserRef }>(routes.mgmt.userLoad, { schema: userSchemas.load }, async (request) => {
    const projectId = managedProjectId(request);
    return answer(await findUser(deps, projectId, request.query));
  });

  app.post<{ Body: MgmtUserRequest }>(routes.mgmt.userUpdate, { schema: userSchemas.update }, async (request) => {
    const projectId = managedProjectId(request);
    return answer(await updateUser(deps, projectId, request.body, 'replace'));
  });

  app.patch<{ Body: MgmtUserRequest }>(routes.mgmt.userPatch, { schema: userSchemas.update }, async (request) => {
    const projectId = managedProjectId(request);
    return answer(await updateUser(deps, projectId, request.body, 'patch'));
  });

  app.post<{ Body: UpdatePhoneInput }>(
    routes.mgmt.userUpdatePhone,
    { schema: userSchemas.updatePhone },
    async (request) => {
      const projectId = managedProjectId(request);
      return answer(await updateUserPhone(deps, projectId, request.body));
    },
  );

  app.post<{ Body: { loginId: string; status: UserResponse['status'] } }>(
    routes.mgmt.userUpdateStatus,
    { schema: userSchemas.updateStatus },
    async (request) => {
      const projectId = managedProjectId(request);
      return answer(await updateUserStatus(deps, projectId, request.body));
    },
  );

  app.post<{ Body: UserRef }>(routes.mgmt.userDelete, { schema: userSchemas.delete }, async (request) => {
    const projectId = managedProjectId(request);
    await deleteUser(deps, projectId, request.body);
    return {};
  });

  app.post<{ Body: UserRef }>(routes.mgmt.userLogout, { schema: userSchemas.logout }, async (request) => {
    const projectId = managedProjectId(request);
    await logoutUser(deps, projectId, request.body);
    return {};
  });

  app.post<{ Body: SearchUsersInput }>(routes.mgmt.userSearch, { schema: userSchemas.search }, async (request) => {
    const projectId = managedProjectId(request);
    const { users, total } = await searchUsers(deps, projectId, request.body ?? {});
    return { users: users.map(toUserResponse), total };
  });
}
