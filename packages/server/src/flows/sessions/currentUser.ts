// GET /v1/auth/me: the signed-in user, as the user object at top level.
import type { UserResponse } from '@notp/core';
import type { ProjectRecord } from '../../store/ports.js';
import { toUserResponse } from '../../users/wire.js';
import { authenticateRefresh } from './authenticateRefresh.js';
import type { SessionDeps } from './mintSession.js';

export async function currentUser(
  deps: SessionDeps,
  project: ProjectRecord,
  refreshJwt: string | undefined,
): Promise<UserResponse> {
  const { user } = await authenticateRefresh(deps, project, refreshJwt);
  return toUserResponse(user);
}
