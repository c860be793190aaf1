// Project flows: read the project, change its settings (partial, validated as a whole) or its name; audit, announce.
import { errors, NotpError } from '@notp/core';
import { type AuditClient, recordAudit } from '../../audit/recordAudit.js';
import type { Deps } from '../../deps.js';
import { projectChangedChannel } from '../../events/ports.js';
import { parseSettingsPatch, projectNameProblem, projectSettingsSchema } from '../../projects/projectSettings.js';
import type { ProjectRecord, ProjectSettings } from '../../store/ports.js';

type Client = AuditClient;
type FlowDeps = Pick<Deps, 'store' | 'events' | 'clock' | 'log'>;

/** Compare-and-set attempts before a PATCH gives up (each retry means another change landed in between). */
const ATTEMPTS = 5;

/**
 * `GET /v1/mgmt/notp/project`: what an operator can see and change (never the management key's hash). Settings added
 * since the project was stored show their defaults.
 */
export function projectView(project: ProjectRecord): { projectId: string; name: string; settings: ProjectSettings } {
  const parsed = projectSettingsSchema.safeParse(project.settings);
  const settings = parsed.success ? (parsed.data as ProjectSettings) : project.settings;
  return { projectId: project.projectId, name: project.name, settings };
}

/**
 * Applies a partial settings change. Validation runs on the merged result against the settings as stored at that
 * moment, and the write is a compare-and-set, so a concurrent change is merged, never lost. On any bad value it
 * throws a 400 and stores nothing.
 */
export async function updateProjectSettings(
  deps: FlowDeps,
  projectId: string,
  patch: unknown,
  client: Client,
): Promise<ProjectSettings> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const project = await deps.store.projects.get(projectId);
    if (!project) throw new NotpError(errors.projectUnknown, { detail: `project ${projectId} vanished` });
    const next = parseSettingsPatch(project.settings, patch, project.name);
    const changed = changedKeys(project.settings, next);
    if (changed.length === 0) return next;
    if (await deps.store.projects.updateSettings(projectId, next, project.settings)) {
      await announce(deps, projectId, client, `settings: ${changed.join(', ')}`);
      return next;
    }
  }
  throw new NotpError(errors.projectChangeConflict, { message: 'the settings kept changing under this update; retry' });
}

/** `management.project.updateName`: the name WhatsApp messages use from the next message on. */
export async function renameProject(deps: FlowDeps, projectId: string, name: unknown, client: Client): Promise<void> {
  const problem = typeof name === 'string' ? projectNameProblem(name) : 'must be a string';
  if (problem !== null || typeof name !== 'string') {
    throw new NotpError(errors.invalidProjectName, { message: `name: ${problem}` });
  }
  if (!(await deps.store.projects.setName(projectId, name.trim()))) {
    throw new NotpError(errors.projectUnknown, { detail: `project ${projectId} vanished` });
  }
  await announce(deps, projectId, client, 'name');
}

/** Audits the change and tells every instance (caches keyed by project drop their copy). */
async function announce(deps: FlowDeps, projectId: string, client: Client, detail: string): Promise<void> {
  await recordAudit(deps, { projectId, type: 'project-changed', ...client, detail });
  try {
    await deps.events.publish(projectChangedChannel, projectId);
  } catch (err) {
    // Stored already: instances that miss the event catch up when their cache entry expires (see http/cors.ts).
    deps.log.warn(
      { projectId, error: err instanceof Error ? err.message : String(err) },
      'project change not announced',
    );
  }
}

/** Top-level settings whose values differ (for the audit line: names only, never values). */
function changedKeys(before: ProjectSettings, after: ProjectSettings): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}
