// Management of a project's permissions (as @descope/node-sdk's management.permission.* calls them).
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../../../deps.js';
import type { PermissionRecord } from '../../../store/authzPorts.js';

export interface PermissionResponse {
  name: string;
  description: string;
  /** The hosted service marks its own permissions; notp has none. */
  systemDefault: boolean;
}

export const toPermissionResponse = (p: PermissionRecord): PermissionResponse => ({
  name: p.name,
  description: p.description,
  systemDefault: false,
});

export async function createPermission(
  deps: Pick<Deps, 'store' | 'clock'>,
  projectId: string,
  input: { name: string; description?: string },
): Promise<void> {
  const created = await deps.store.authz.createPermission({
    projectId,
    name: input.name,
    description: input.description ?? '',
    createdAt: deps.clock.now(),
  });
  if (!created) throw new NotpError(errors.permissionExists, { message: `Permission "${input.name}" already exists` });
}

/** Renames (newName) and redescribes; roles holding it follow the rename. */
export async function updatePermission(
  deps: Pick<Deps, 'store'>,
  projectId: string,
  input: { name: string; newName?: string; description?: string },
): Promise<void> {
  const result = await deps.store.authz.updatePermission(projectId, input.name, {
    name: input.newName || input.name,
    description: input.description ?? '',
  });
  if (result === 'not-found') {
    throw new NotpError(errors.permissionNotFound, { message: `Permission "${input.name}" does not exist` });
  }
  if (result === 'name-taken') {
    throw new NotpError(errors.permissionExists, { message: `Permission "${input.newName}" already exists` });
  }
}

/** Deletes the permission and takes it out of every role (sessions minted afterwards no longer carry it). */
export async function deletePermission(deps: Pick<Deps, 'store'>, projectId: string, name: string): Promise<void> {
  if (!(await deps.store.authz.deletePermission(projectId, name))) {
    throw new NotpError(errors.permissionNotFound, { message: `Permission "${name}" does not exist` });
  }
}

export async function listPermissions(
  deps: Pick<Deps, 'store'>,
  projectId: string,
): Promise<{ permissions: PermissionResponse[] }> {
  return { permissions: (await deps.store.authz.listPermissions(projectId)).map(toPermissionResponse) };
}
