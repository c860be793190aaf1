// `notp projects create|list|settings`: several projects on one server (CONTRACT.md §10).
import { parseArgs } from 'node:util';
import { recordAudit } from '../audit/recordAudit.js';
import {
  projectView as settingsView,
  renameProject,
  updateProjectSettings,
} from '../flows/management/projectSettings.js';
import { createProject } from '../projects/createProject.js';
import type { ProjectRecord } from '../store/ports.js';
import { answer, COMMON_OPTIONS, CliError, type CliIo, isoTime, table, withDeps } from './context.js';
import { settingsInput } from './settingsInput.js';

const CLI_AGENT = 'notp CLI';

export const projectsHelp = `notp projects create --name <name> [--json]
notp projects list [--json]
notp projects settings <projectId> [--set key=value …] [--json]`;

export async function projectsCommand(io: CliIo, sub: string | undefined, args: string[]): Promise<void> {
  if (sub === 'create') return create(io, args);
  if (sub === 'list') return list(io, args);
  if (sub === 'settings') return settings(io, args);
  throw new CliError(`unknown command: notp projects ${sub ?? ''} (try: notp projects --help)`.trim(), 2);
}

async function create(io: CliIo, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...COMMON_OPTIONS, name: { type: 'string' } }, strict: true });
  if (values.help) return io.stdout(`${projectsHelp}\n`);
  if (values.name === undefined) throw new CliError('projects create: --name <name> is required', 2);
  const name = values.name;
  const { project, managementKey } = await withDeps(io, async (deps) => {
    const created = await createProject(deps, name);
    await recordAudit(deps, {
      projectId: created.project.projectId,
      type: 'management',
      userAgent: CLI_AGENT,
      detail: 'project created (notp projects create)',
    });
    return created;
  });
  answer(io, values.json, { projectId: project.projectId, name: project.name, managementKey }, () =>
    [
      `Created project "${project.name}"`,
      `  Project ID       ${project.projectId}`,
      `  Management key   ${managementKey}`,
      '',
      'The management key is shown only now (it is stored hashed): keep it in your secret store.',
      `Next: notp projects settings ${project.projectId} --set allowedOrigins=https://app.example.com`,
    ].join('\n'),
  );
}

/** A project as the CLI shows it (never the management key's hash). */
function projectView(p: ProjectRecord) {
  return { projectId: p.projectId, name: p.name, createdAt: p.createdAt };
}

async function list(io: CliIo, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...COMMON_OPTIONS }, strict: true });
  if (values.help) return io.stdout(`${projectsHelp}\n`);
  const projects = await withDeps(io, (deps) => deps.store.projects.list());
  const sorted = [...projects].sort((a, b) => a.createdAt - b.createdAt);
  answer(io, values.json, { projects: sorted.map(projectView) }, () =>
    sorted.length === 0
      ? 'No projects yet: start the server once, or run notp projects create --name <name>'
      : table(
          ['PROJECT ID', 'NAME', 'CREATED'],
          sorted.map((p) => [p.projectId, p.name, isoTime(p.createdAt)]),
        ),
  );
}

async function settings(io: CliIo, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...COMMON_OPTIONS, set: { type: 'string', multiple: true } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return io.stdout(`${projectsHelp}\n`);
  const [projectId, ...extra] = positionals;
  if (!projectId || extra.length > 0) throw new CliError('projects settings: give exactly one <projectId>', 2);
  const input = settingsInput(values.set ?? []);
  const result = await withDeps(io, async (deps) => {
    const project = await deps.store.projects.get(projectId);
    if (!project) throw new CliError(`unknown project ${projectId} (see: notp projects list)`);
    const client = { ip: '', userAgent: CLI_AGENT };
    // The management API's flows: the same validation (400 → one line here), audit and cross-instance announcement.
    if (input.name !== undefined) await renameProject(deps, projectId, input.name, client);
    if (Object.keys(input.patch).length === 0) return settingsView(project).settings;
    return updateProjectSettings(deps, projectId, input.patch, client);
  });
  answer(io, values.json, { projectId, settings: result }, () =>
    Object.entries(result)
      .map(([k, v]) => `${k.padEnd(16)} ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('\n'),
  );
}
