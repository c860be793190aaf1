// `notp users list|create|delete`: the management API's user flows (searchUsers, createUser, deleteUser) from a shell.
import { parseArgs } from 'node:util';
import type { MgmtUserRequest } from '@notp/core';
import { recordAudit } from '../audit/recordAudit.js';
import { createUser } from '../flows/management/createUser.js';
import { deleteUser } from '../flows/management/deleteUser.js';
import { findUser } from '../flows/management/findUser.js';
import { searchUsers, type SearchUsersInput } from '../flows/management/searchUsers.js';
import type { UserRecord } from '../store/ports.js';
import { toUserResponse } from '../users/wire.js';
import { answer, COMMON_OPTIONS, CliError, type CliIo, isoTime, resolveProject, table, withDeps } from './context.js';

const CLI_AGENT = 'notp CLI';
const STATUSES: readonly UserRecord['status'][] = ['enabled', 'disabled', 'invited'];

export const usersHelp = `notp users list [--project <id>] [--text <t>] [--status enabled|disabled|invited] [--limit <n>] [--page <n>] [--test] [--json]
notp users create [--project <id>] [--login-id <id>] [--phone <+E.164>] [--email <e>] [--name <n>] [--roles a,b] [--test] [--json]
notp users delete <loginId or userId> [--project <id>] [--json]`;

export async function usersCommand(io: CliIo, sub: string | undefined, args: string[]): Promise<void> {
  if (sub === 'list') return list(io, args);
  if (sub === 'create') return create(io, args);
  if (sub === 'delete') return remove(io, args);
  throw new CliError(`unknown command: notp users ${sub ?? ''} (try: notp users --help)`.trim(), 2);
}

/** A whole number flag in [min, max]. */
function count(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new CliError(`--${flag} must be an integer from ${min} to ${max}`, 2);
  }
  return Number(raw);
}

async function list(io: CliIo, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...COMMON_OPTIONS,
      project: { type: 'string' },
      text: { type: 'string' },
      status: { type: 'string', multiple: true },
      limit: { type: 'string' },
      page: { type: 'string' },
      test: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return io.stdout(`${usersHelp}\n`);
  const input: SearchUsersInput = { withTestUser: values.test === true };
  if (values.text !== undefined) input.text = values.text;
  const limit = count('limit', values.limit, 1, 1000);
  const page = count('page', values.page, 0, 100_000);
  if (limit !== undefined) input.limit = limit;
  if (page !== undefined) input.page = page;
  if (values.status) {
    for (const s of values.status) {
      if (!STATUSES.includes(s as UserRecord['status']))
        throw new CliError(`--status ${s}: must be one of ${STATUSES.join(', ')}`, 2);
    }
    input.statuses = values.status as UserRecord['status'][];
  }
  const { users, total } = await withDeps(io, async (deps) => {
    const { projectId } = await resolveProject(deps, values.project);
    return searchUsers(deps, projectId, input);
  });
  answer(io, values.json, { users: users.map(toUserResponse), total }, () =>
    [
      table(
        ['USER ID', 'LOGIN IDS', 'NAME', 'STATUS', 'CREATED'],
        users.map((u) => [u.userId, u.loginIds.join(','), u.name ?? '', u.status, isoTime(u.createdAt)]),
      ),
      `${users.length} of ${total} users`,
    ].join('\n'),
  );
}

async function create(io: CliIo, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...COMMON_OPTIONS,
      project: { type: 'string' },
      'login-id': { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      test: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return io.stdout(`${usersHelp}\n`);
  // As the management API: a login id is required; by default the phone, else the email, is the login id.
  const loginId = values['login-id'] ?? values.phone ?? values.email;
  if (!loginId) throw new CliError('users create: give --login-id, --phone or --email', 2);
  const input: MgmtUserRequest = { loginId };
  if (values.phone !== undefined) input.phone = values.phone;
  if (values.email !== undefined) input.email = values.email;
  if (values.name !== undefined) input.name = values.name;
  if (values.roles !== undefined) {
    input.roleNames = values.roles
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r !== '');
  }
  const user = await withDeps(io, async (deps) => {
    const { projectId } = await resolveProject(deps, values.project);
    const created = await createUser(deps, projectId, input, { test: values.test === true });
    await recordAudit(deps, {
      projectId,
      type: 'management',
      userId: created.userId,
      userAgent: CLI_AGENT,
      detail: 'user created (notp users create)',
    });
    return created;
  });
  answer(
    io,
    values.json,
    { user: toUserResponse(user) },
    () => `created user ${user.userId} (${user.loginIds.join(', ')})`,
  );
}

async function remove(io: CliIo, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...COMMON_OPTIONS, project: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return io.stdout(`${usersHelp}\n`);
  const [ref, ...extra] = positionals;
  if (!ref || extra.length > 0) throw new CliError('users delete: give exactly one <loginId or userId>', 2);
  const userId = await withDeps(io, async (deps) => {
    const { projectId } = await resolveProject(deps, values.project);
    // The SDKs' loginIdOrUserId: a login id, else a user id.
    const user = await findUser(deps, projectId, { loginId: ref });
    await deleteUser(deps, projectId, { userId: user.userId });
    await recordAudit(deps, {
      projectId,
      type: 'management',
      userId: user.userId,
      userAgent: CLI_AGENT,
      detail: 'user deleted (notp users delete)',
    });
    return user.userId;
  });
  answer(io, values.json, { userId, deleted: true }, () => `deleted user ${userId}`);
}
