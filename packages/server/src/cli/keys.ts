// `notp keys rotate [--project <id>]`: a new signing key; the old one stays published until its tokens expire.
import { parseArgs } from 'node:util';
import { rotateSigningKey } from '../flows/management/rotateSigningKey.js';
import { answer, COMMON_OPTIONS, CliError, type CliIo, resolveProject, withDeps } from './context.js';

export const keysHelp = 'notp keys rotate [--project <id>] [--json]';

export async function keysCommand(io: CliIo, sub: string | undefined, args: string[]): Promise<void> {
  if (sub !== 'rotate') throw new CliError(`unknown command: notp keys ${sub ?? ''} (try: notp keys --help)`.trim(), 2);
  const { values } = parseArgs({ args, options: { ...COMMON_OPTIONS, project: { type: 'string' } }, strict: true });
  if (values.help) return io.stdout(`${keysHelp}\n`);
  const result = await withDeps(io, async (deps) => {
    const { projectId } = await resolveProject(deps, values.project);
    const { kid } = await rotateSigningKey(deps, projectId, { userAgent: 'notp keys rotate (CLI)' });
    return { projectId, kid };
  });
  answer(io, values.json, result, () => `rotated the signing key of ${result.projectId}: new kid ${result.kid}`);
}
