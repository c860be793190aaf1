// `notp sessions list|revoke`: a user's refresh sessions, and revoking one login or all of a user's (management flows).
import { parseArgs } from 'node:util';
import { recordAudit } from '../audit/recordAudit.js';
import { logoutUser } from '../flows/management/deleteUser.js';
import { findUser } from '../flows/management/findUser.js';
import { listUserSessions, revokeUserSession } from '../flows/management/userSessions.js';
import { answer, COMMON_OPTIONS, CliError, type CliIo, isoTime, resolveProject, table, withDeps } from './context.js';

const CLI_AGENT = 'notp CLI';

export const sessionsHelp = `notp sessions list --user <loginId or userId> [--project <id>] [--json]
notp sessions revoke --session <sessionId> [--project <id>] [--json]    (that login: its whole refresh family)
notp sessions revoke --user <loginId or userId> [--project <id>] [--json]    (every session of the user)`;

export async function sessionsCommand(io: CliIo, sub: string | undefined, args: string[]): Promise<void> {
  if (sub === 'list') return list(io, args);
  if (sub === 'revoke') return revoke(io, args);
  throw new CliError(`unknown command: notp sessions ${sub ?? ''} (try: notp sessions --help)`.trim(), 2);
}

async function list(io: CliIo, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { ...COMMON_OPTIONS, project: { type: 'string' }, user: { type: 'string' } },
    strict: true,
  });
  if (values.help) return io.stdout(`${sessionsHelp}\n`);
  const ref = values.user;
  if (!ref) throw new CliError('sessions list: --user <loginId or userId> is required', 2);
  const sessions = await withDeps(io, async (deps) => {
    const { projectId } = await resolveProject(deps, values.project);
    return listUserSessions(deps, projectId, { loginId: ref });
  });
  answer(io, values.json, { sessions }, () =>
    table(
      ['SESSION ID', 'LIVE', 'CREATED', 'EXPIRES', 'IP'],
      sessions.map((s) => [s.sessionId, s.live ? 'yes' : 'no', isoTime(s.createdAt), isoTime(s.expiresAt), s.ip]),
    ),
  );
}

async function revoke(io: CliIo, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { ...COMMON_OPTIONS, project: { type: 'string' }, user: { type: 'string' }, session: { type: 'string' } },
    strict: true,
  });
  if (values.help) return io.stdout(`${sessionsHelp}\n`);
  const { user: userRef, session: sessionId } = values;
  if ((userRef === undefined) === (sessionId === undefined)) {
    throw new CliError('sessions revoke: give either --session <sessionId> or --user <loginId or userId>', 2);
  }
  const revoked = await withDeps(io, async (deps) => {
    const { projectId } = await resolveProject(deps, values.project);
    if (sessionId !== undefined) {
      return (await revokeUserSession(deps, projectId, sessionId, { userAgent: CLI_AGENT })).revoked;
    }
    const user = await findUser(deps, projectId, { loginId: userRef });
    const n = await logoutUser(deps, projectId, { userId: user.userId });
    await recordAudit(deps, {
      projectId,
      type: 'logout-all',
      userId: user.userId,
      userAgent: CLI_AGENT,
      detail: `every session revoked (notp sessions revoke --user): ${n}`,
    });
    return n;
  });
  answer(io, values.json, { revoked }, () => `revoked ${revoked} session${revoked === 1 ? '' : 's'}`);
}
