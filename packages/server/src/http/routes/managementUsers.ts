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
import { emptyAnswer, answerObject, userAnswer, userObject } from '../responseSchemas.js';

export const MAX_ID = 320; // chars: longest login id (an email address)
export const str = (maxLength = 512) => ({ type: 'string', maxLength }) as const;
const strList = { type: 'array', maxItems: 100, items: str(MAX_ID) } as const;
const status = { type: 'string', enum: ['enabled', 'disabled', 'invited'] } as const;

/** The user fields the SDKs send to create/update/patch (unknown fields are ignored, as the contract says). */
const userProperties = {
  loginId: str(MAX_ID),
  email: str(MAX_ID),
  phone: str(64),
  name: str(),
  displayName: str(),
  givenName: str(),
  middleName: str(),
  familyName: str(),
  picture: str(2048),
  roleNames: strList,
  userTenants: {
    type: 'array',
    maxItems: 100,
    items: {
      type: 'object',
      required: ['tenantId'],
      properties: { tenantId: str(MAX_ID), roleNames: strList },
    },
  },
  customAttributes: { type: 'object', maxProperties: 100 },
  verifiedEmail: { type: 'boolean' },
  verifiedPhone: { type: 'boolean' },
  additionalLoginIds: strList,
  status,
  test: { type: 'boolean' },
} as const;

const userBody = { type: 'object', required: ['loginId'], properties: userProperties } as const;
/** `{ loginId }` or `{ userId }`. */
const userRefBody = {
  type: 'object',
  properties: { loginId: str(MAX_ID), userId: str(MAX_ID) },
  anyOf: [{ required: ['loginId'] }, { required: ['userId'] }],
} as const;

/** Epoch ms in a JSON body (0 = unset, as the Go SDK sends it). */
const epochMsNumber = { type: 'integer', minimum: 0, maximum: 1e15 } as const;
const answer = (user: Parameters<typeof toUserResponse>[0]): { user: UserResponse } => ({
  user: toUserResponse(user),
});

export function registerUserRoutes(app: FastifyInstance, deps: Deps): void {
  for (const [path, test] of [
    [routes.mgmt.userCreate, false],
    [routes.mgmt.userCreateTest, true],
  ] as const) {
    app.post<{ Body: MgmtUserRequest }>(path, { schema: { body: userBody, response: userAnswer } }, async (request) => {
      const projectId = managedProjectId(request);
      return answer(await createUser(deps, projectId, request.body, { test }));
    });
  }

  app.get<{ Querystring: UserRef }>(
    routes.mgmt.userLoad,
    {
      schema: {
        querystring: { type: 'object', properties: { loginId: str(MAX_ID), userId: str(MAX_ID) } },
        response: userAnswer,
      },
    },
    async (request) => {
      const projectId = managedProjectId(request);
      return answer(await findUser(deps, projectId, request.query));
    },
  );

  app.post<{ Body: MgmtUserRequest }>(
    routes.mgmt.userUpdate,
    { schema: { body: userBody, response: userAnswer } },
    async (request) => {
      const projectId = managedProjectId(request);
      return answer(await updateUser(deps, projectId, request.body, 'replace'));
    },
  );

  app.patch<{ Body: MgmtUserRequest }>(
    routes.mgmt.userPatch,
    { schema: { body: userBody, response: userAnswer } },
    async (request) => {
      const projectId = managedProjectId(request);
      return answer(await updateUser(deps, projectId, request.body, 'patch'));
    },
  );

  app.post<{ Body: UpdatePhoneInput }>(
    routes.mgmt.userUpdatePhone,
    {
      schema: {
        body: {
          type: 'object',
          required: ['loginId', 'phone'],
          properties: {
            loginId: str(MAX_ID),
            phone: str(64),
            verified: { type: 'boolean' },
            failOnConflict: { type: 'boolean' },
          },
        },
        response: userAnswer,
      },
    },
    async (request) => {
      const projectId = managedProjectId(request);
      return answer(await updateUserPhone(deps, projectId, request.body));
    },
  );

  app.post<{ Body: { loginId: string; status: UserResponse['status'] } }>(
    routes.mgmt.userUpdateStatus,
    {
      schema: {
        body: { type: 'object', required: ['loginId', 'status'], properties: { loginId: str(MAX_ID), status } },
        response: userAnswer,
      },
    },
    async (request) => {
      const projectId = managedProjectId(request);
      return answer(await updateUserStatus(deps, projectId, request.body));
    },
  );

  app.post<{ Body: UserRef }>(
    routes.mgmt.userDelete,
    { schema: { body: userRefBody, response: emptyAnswer } },
    async (request) => {
      const projectId = managedProjectId(request);
      await deleteUser(deps, projectId, request.body);
      return {};
    },
  );

  app.post<{ Body: UserRef }>(
    routes.mgmt.userLogout,
    { schema: { body: userRefBody, response: emptyAnswer } },
    async (request) => {
      const projectId = managedProjectId(request);
      await logoutUser(deps, projectId, request.body);
      return {};
    },
  );

  app.post<{ Body: SearchUsersInput }>(
    routes.mgmt.userSearch,
    {
      schema: {
        body: {
          type: 'object',
          properties: {
            page: { type: 'integer', minimum: 0, maximum: 100_000 },
            limit: { type: 'integer', minimum: 0, maximum: 1000 },
            text: str(),
            loginIds: strList,
            userIds: strList,
            emails: strList,
            phones: strList,
            statuses: { type: 'array', maxItems: 3, items: status },
            roleNames: strList,
            tenantIds: strList,
            customAttributes: { type: 'object', maxProperties: 100 },
            withTestUser: { type: 'boolean' },
            testUsersOnly: { type: 'boolean' },
            fromCreatedTime: epochMsNumber,
            toCreatedTime: epochMsNumber,
            fromModifiedTime: epochMsNumber,
            toModifiedTime: epochMsNumber,
            sort: {
              type: 'array',
              maxItems: 10,
              items: {
                type: 'object',
                required: ['field'],
                properties: { field: str(64), desc: { type: 'boolean' } },
              },
            },
            ssoAppIds: strList,
            tenantRoleIds: { type: 'object', maxProperties: 100 },
            tenantRoleNames: { type: 'object', maxProperties: 100 },
            includeSubTenants: { type: 'boolean' },
          },
        },
        response: { 200: answerObject({ users: { type: 'array', items: userObject }, total: { type: 'integer' } }) },
      },
    },
    async (request) => {
      const projectId = managedProjectId(request);
      const { users, total } = await searchUsers(deps, projectId, request.body ?? {});
      return { users: users.map(toUserResponse), total };
    },
  );
}
