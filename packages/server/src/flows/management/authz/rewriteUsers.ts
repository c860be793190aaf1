// Applies a change to every user of a project that a search matches (role renamed or deleted, tenant deleted).
import type { Deps } from '../../../deps.js';
import type { UserRecord, UserSearchQuery } from '../../../store/ports.js';

const PAGE = 500; // users per read

/**
 * Pages through the users `query` matches (test users included) and saves `change(user)` where it returns a new
 * record. A changed user usually stops matching, so the page offset advances only past the unchanged ones.
 * Sessions do not depend on this: claims are computed from the roles that exist at mint time.
 */
export async function rewriteUsers(
  deps: Pick<Deps, 'store' | 'clock'>,
  projectId: string,
  query: Omit<UserSearchQuery, 'page' | 'limit' | 'withTestUsers'>,
  change: (user: UserRecord) => UserRecord | null,
): Promise<number> {
  let changed = 0;
  let skip = 0;
  for (;;) {
    const { users } = await deps.store.users.search(projectId, {
      ...query,
      withTestUsers: true,
      limit: PAGE,
      page: 0,
      offset: skip,
    });
    if (users.length === 0) return changed;
    for (const user of users) {
      const next = change(user);
      if (next && (await deps.store.users.update({ ...next, updatedAt: deps.clock.now() }))) changed++;
      else skip++;
    }
  }
}
