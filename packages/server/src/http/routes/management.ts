// Management API (CONTRACT.md §7): license handshake and users, authorised by `Bearer <projectId>:<managementKey>`.
import { type MgmtUserRequest, routes, type UserResponse } from '@notp/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteOptions } from './RouteOptions.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { type AuditPageInput, type AuditQueryString, queryAudit } from '../../flows/management/queryAudit.js';
import { rotateSigningKey } from '../../flows/management/rotateSigningKey.js';
import { listUserSessions, revokeUserSession } from '../../flows/management/userSessions.js';
import { AUDIT_EVENT_TYPES, type ProjectRecord } from '../../store/ports.js';
import { clientOf } from '../auth.js';
import { createUser } from '../../flows/management/createUser.js';
import { deleteUser, logoutUser } from '../../flows/management/deleteUser.js';
import { findUser, type UserRef } from '../../flows/management/findUser.js';
import { type SearchUsersInput, searchUsers } from '../../flows/management/searchUsers.js';
import { updateUser } from '../../flows/management/updateUser.js';
import { type UpdatePhoneInput, updateUserPhone, updateUserStatus } from '../../flows/management/updateUserPhone.js';
import { toUserResponse } from '../../users/wire.js';
import { dropNullsFromBody } from '../dropNulls.js';
import { requireManagement } from '../managementAuth.js';
import { answerObject, emptyAnswer, userAnswer, userObject } from '../responseSchemas.js';
import { registerAuthzRoutes } from './managementAuthz.js';

const MAX_ID = 320; // chars: longest login id (an email address)
const str = (maxLength = 512) => ({ type: 'string', maxLength }) as const;
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
/** Epoch ms in a query string (no type coercion: query values are strings). */
const epochMs = { type: 'string', pattern: '^[0-9]{1,15}$' } as const;
const auditQuery = {
  type: 'object',
  properties: {
    userId: str(MAX_ID),
    type: { type: 'string', enum: [...AUDIT_EVENT_TYPES] },
    since: epochMs,
    until: epochMs,
    cursor: epochMs,
    limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
  },
} as const;

/** POSTs that change nothing (searches), and routes that write their own, more precise, audit event. */
const NOT_AUDITED_AS_CHANGE: ReadonlySet<string> = new Set([
  routes.mgmt.userSearch,
  routes.mgmt.roleSearch,
  routes.mgmt.tenantSearch,
  routes.mgmt.notpSessionRevoke,
  routes.mgmt.notpKeysRotate,
]);

export async function managementRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  // Management changes are audited in one place, after the answer: every non-GET route that answered 2xx, with the
  // user it answered about (from `{ user }` answers) or named (userId/loginId in the body). Keys never appear.
  const authorised = new WeakMap<FastifyRequest, ProjectRecord>();
  const answeredUser = new WeakMap<FastifyRequest, string>();
  const project = async (request: FastifyRequest) => {
    const p = await requireManagement(deps, request);
    authorised.set(request, p);
    return p;
  };
  // JSON null is "absent" on every optional field of every management body (the Go and Python SDKs send nulls).
  app.addHook('preValidation', dropNullsFromBody);
  app.addHook('preSerialization', async (request, _reply, payload) => {
    const userId = (payload as { user?: { userId?: unknown } } | null)?.user?.userId;
    if (typeof userId === 'string') answeredUser.set(request, userId);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const p = authorised.get(request);
    const url = request.routeOptions.url ?? '';
    if (!p || request.method === 'GET' || reply.statusCode >= 300 || NOT_AUDITED_AS_CHANGE.has(url)) return;
    const body = (request.body ?? {}) as { userId?: unknown; loginId?: unknown };
    const named = typeof body.userId === 'string' ? body.userId : undefined;
    const loginId = typeof body.loginId === 'string' ? ` loginId=${body.loginId.slice(0, 320)}` : '';
    await recordAudit(deps, {
      projectId: p.projectId,
      type: 'management',
      userId: answeredUser.get(request) ?? named ?? null,
      ...clientOf(request),
      detail: `${request.method} ${url}${loginId}`,
    });
  });

  const answer = (user: Parameters<typeof toUserResponse>[0]): { user: UserResponse } => ({
    user: toUserResponse(user),
  });

  registerAuthzRoutes(app, deps, project);

  // The node SDK's handshake at construction; notp has no license tiers.
  app.get(routes.mgmt.license, { schema: { response: { 200: answerObject() } } }, async (request) => {
    await project(request);
    return {};
  });

  for (const [path, test] of [
    [routes.mgmt.userCreate, false],
    [routes.mgmt.userCreateTest, true],
  ] as const) {
    app.post<{ Body: MgmtUserRequest }>(path, { schema: { body: userBody, response: userAnswer } }, async (request) => {
      const { projectId } = await project(request);
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
      const { projectId } = await project(request);
      return answer(await findUser(deps, projectId, request.query));
    },
  );

  app.post<{ Body: MgmtUserRequest }>(
    routes.mgmt.userUpdate,
    { schema: { body: userBody, response: userAnswer } },
    async (request) => {
      const { projectId } = await project(request);
      return answer(await updateUser(deps, projectId, request.body, 'replace'));
    },
  );

  app.patch<{ Body: MgmtUserRequest }>(
    routes.mgmt.userPatch,
    { schema: { body: userBody, response: userAnswer } },
    async (request) => {
      const { projectId } = await project(request);
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
      const { projectId } = await project(request);
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
      const { projectId } = await project(request);
      return answer(await updateUserStatus(deps, projectId, request.body));
    },
  );

  app.post<{ Body: UserRef }>(
    routes.mgmt.userDelete,
    { schema: { body: userRefBody, response: emptyAnswer } },
    async (request) => {
      const { projectId } = await project(request);
      await deleteUser(deps, projectId, request.body);
      return {};
    },
  );

  app.post<{ Body: UserRef }>(
    routes.mgmt.userLogout,
    { schema: { body: userRefBody, response: emptyAnswer } },
    async (request) => {
      const { projectId } = await project(request);
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
      const { projectId } = await project(request);
      const { users, total } = await searchUsers(deps, projectId, request.body ?? {});
      return { users: users.map(toUserResponse), total };
    },
  );

  app.get<{ Querystring: UserRef }>(
    routes.mgmt.notpSessions,
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { loginId: str(MAX_ID), userId: str(MAX_ID) },
          anyOf: [{ required: ['loginId'] }, { required: ['userId'] }],
        },
        response: { 200: answerObject({ sessions: { type: 'array', items: answerObject() } }) },
      },
    },
    async (request) => {
      const { projectId } = await project(request);
      return { sessions: await listUserSessions(deps, projectId, request.query) };
    },
  );

  app.post<{ Body: { sessionId: string } }>(
    routes.mgmt.notpSessionRevoke,
    {
      schema: {
        body: {
          type: 'object',
          required: ['sessionId'],
          properties: { sessionId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: { 200: answerObject({ revoked: { type: 'integer' } }) },
      },
    },
    async (request) => {
      const { projectId } = await project(request);
      return revokeUserSession(deps, projectId, request.body.sessionId, clientOf(request));
    },
  );

  app.post(
    routes.mgmt.notpKeysRotate,
    {
      schema: { body: { type: 'object' }, response: { 200: answerObject({ kid: { type: 'string' } }) } },
      // Clients send this POST with no body at all: treat that as `{}` so the schema sees an object.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const { projectId } = await project(request);
      return rotateSigningKey(deps, projectId, clientOf(request));
    },
  );

  app.get<{ Querystring: AuditQueryString }>(
    routes.mgmt.notpAudit,
    { schema: { querystring: auditQuery, response: { 200: answerObject() } } },
    async (request) => {
      const { projectId } = await project(request);
      const q = request.query;
      const input: AuditPageInput = {};
      if (q.userId !== undefined) input.userId = q.userId;
      if (q.type !== undefined) input.type = q.type;
      if (q.since !== undefined) input.since = Number(q.since);
      if (q.until !== undefined) input.until = Number(q.until);
      if (q.cursor !== undefined) input.cursor = Number(q.cursor);
      if (q.limit !== undefined) input.limit = Number(q.limit);
      return queryAudit(deps, projectId, input);
    },
  );
}
