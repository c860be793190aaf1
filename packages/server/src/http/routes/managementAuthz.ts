// Management routes for roles, permissions, tenants, a user's roles and tenants, and jwt/update (CONTRACT.md §7),
// registered inside managementRoutes (same authorisation, null handling and audit hooks).
import { routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';
import {
  createPermission,
  deletePermission,
  listPermissions,
  updatePermission,
} from '../../flows/management/authz/permissions.js';
import {
  createRole,
  deleteRole,
  listRoles,
  type RoleInput,
  type RoleSearchInput,
  updateRole,
} from '../../flows/management/authz/roles.js';
import {
  createTenant,
  deleteTenant,
  loadTenant,
  searchTenants,
  type TenantInput,
  type TenantSearchInput,
  updateTenant,
} from '../../flows/management/authz/tenants.js';
import { changeUserRoles, changeUserTenant, type UserRolesInput } from '../../flows/management/authz/userAuthz.js';
import { updateJwt } from '../../flows/management/updateJwt.js';
import { toUserResponse } from '../../users/wire.js';
import { managedProjectId } from '../managementAuth.js';
import { nativeJson } from '../responseSchemas.js';
import {
  answers,
  jwtUpdateBody,
  permissionBody,
  roleBody,
  tenantBody,
  userRolesBody,
  userTenantBody,
} from './managementAuthzSchemas.js';

export function registerAuthzRoutes(app: FastifyInstance, deps: Deps): void {
  // The answers are built by the flows; the response schemas document them (JSON.stringify keeps every field).
  const opts = <B, R>(body: B, response: R) => ({ schema: { body, response }, serializerCompiler: nativeJson });
  const get = <R>(response: R) => ({ schema: { response }, serializerCompiler: nativeJson });

  // — permissions
  app.post<{ Body: { name: string; description?: string } }>(
    routes.mgmt.permissionCreate,
    opts(permissionBody.create, answers.empty),
    async (request) => {
      await createPermission(deps, managedProjectId(request), request.body);
      return {};
    },
  );
  app.post<{ Body: { name: string; newName?: string; description?: string } }>(
    routes.mgmt.permissionUpdate,
    opts(permissionBody.update, answers.empty),
    async (request) => {
      await updatePermission(deps, managedProjectId(request), request.body);
      return {};
    },
  );
  app.post<{ Body: { name: string } }>(
    routes.mgmt.permissionDelete,
    opts(permissionBody.delete, answers.empty),
    async (request) => {
      await deletePermission(deps, managedProjectId(request), request.body.name);
      return {};
    },
  );
  app.get(routes.mgmt.permissionAll, get(answers.permissions), async (request) =>
    listPermissions(deps, managedProjectId(request)),
  );

  // — roles
  app.post<{ Body: RoleInput }>(routes.mgmt.roleCreate, opts(roleBody.create, answers.empty), async (request) => {
    await createRole(deps, managedProjectId(request), request.body);
    return {};
  });
  app.post<{ Body: RoleInput }>(routes.mgmt.roleUpdate, opts(roleBody.update, answers.empty), async (request) => {
    await updateRole(deps, managedProjectId(request), request.body);
    return {};
  });
  app.post<{ Body: { name: string; tenantId?: string } }>(
    routes.mgmt.roleDelete,
    opts(roleBody.delete, answers.empty),
    async (request) => {
      await deleteRole(deps, managedProjectId(request), request.body);
      return {};
    },
  );
  app.get(routes.mgmt.roleAll, get(answers.roles), async (request) => listRoles(deps, managedProjectId(request)));
  app.post<{ Body: RoleSearchInput }>(routes.mgmt.roleSearch, opts(roleBody.search, answers.roles), async (request) =>
    listRoles(deps, managedProjectId(request), request.body),
  );

  // — tenants
  app.post<{ Body: TenantInput }>(
    routes.mgmt.tenantCreate,
    opts(tenantBody.create, answers.tenantId),
    async (request) => createTenant(deps, managedProjectId(request), request.body),
  );
  app.post<{ Body: TenantInput & { id: string } }>(
    routes.mgmt.tenantUpdate,
    opts(tenantBody.update, answers.empty),
    async (request) => {
      await updateTenant(deps, managedProjectId(request), request.body);
      return {};
    },
  );
  app.post<{ Body: { id: string } }>(
    routes.mgmt.tenantDelete,
    opts(tenantBody.delete, answers.empty),
    async (request) => {
      await deleteTenant(deps, managedProjectId(request), request.body.id);
      return {};
    },
  );
  app.get<{ Querystring: { id: string } }>(
    routes.mgmt.tenantLoad,
    { schema: { querystring: tenantBody.load, response: answers.tenant }, serializerCompiler: nativeJson },
    async (request) => loadTenant(deps, managedProjectId(request), request.query.id),
  );
  app.get(routes.mgmt.tenantAll, get(answers.tenants), async (request) =>
    searchTenants(deps, managedProjectId(request)),
  );
  app.post<{ Body: TenantSearchInput }>(
    routes.mgmt.tenantSearch,
    opts(tenantBody.search, answers.tenants),
    async (request) => searchTenants(deps, managedProjectId(request), request.body),
  );

  // — a user's roles and tenants: answer { user }
  for (const [path, change] of [
    [routes.mgmt.userRoleAdd, 'add'],
    [routes.mgmt.userRoleRemove, 'remove'],
    [routes.mgmt.userRoleSet, 'set'],
  ] as const) {
    app.post<{ Body: UserRolesInput }>(path, opts(userRolesBody, answers.user), async (request) => {
      const user = await changeUserRoles(deps, managedProjectId(request), request.body, change);
      return { user: toUserResponse(user) };
    });
  }
  for (const [path, change] of [
    [routes.mgmt.userTenantAdd, 'add'],
    [routes.mgmt.userTenantRemove, 'remove'],
  ] as const) {
    app.post<{ Body: { loginId: string; tenantId: string } }>(
      path,
      opts(userTenantBody, answers.user),
      async (request) => {
        const user = await changeUserTenant(deps, managedProjectId(request), request.body, change);
        return { user: toUserResponse(user) };
      },
    );
  }

  // — management-set custom claims on a session JWT (trusted: top level)
  app.post<{ Body: { jwt: string; customClaims?: Record<string, unknown> } }>(
    routes.mgmt.jwtUpdate,
    opts(jwtUpdateBody, answers.jwt),
    async (request) => updateJwt(deps, managedProjectId(request), request.body),
  );
}
