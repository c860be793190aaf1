// Creates a project: record, first signing key, built-in console-admin role; returns its management key once.
import { errors, NotpError } from '@notp/core';
import { sha256Hex } from '../crypto/sha256Hex.js';
import type { Deps } from '../deps.js';
import { builtinRole } from '../store/authzPorts.js';
import type { ProjectRecord } from '../store/ports.js';
import { newManagementKey, newProjectId } from './newProjectCredentials.js';
import { defaultProjectSettings } from './defaults.js';
import { projectNameProblem } from './projectSettings.js';

export interface CreatedProject {
  project: ProjectRecord;
  /** In clear, shown once: only its SHA-256 is stored. */
  managementKey: string;
}

/**
 * A new project named `name` (the app name in its WhatsApp messages). It allows no browser origin until the
 * operator sets `allowedOrigins` (the development project's localhost patterns are for development only).
 */
export async function createProject(
  deps: Pick<Deps, 'config' | 'store' | 'tokens' | 'random' | 'clock'>,
  name: string,
): Promise<CreatedProject> {
  const problem = projectNameProblem(name);
  if (problem !== null) throw new NotpError(errors.invalidProjectName, { message: `name: ${problem}` });
  const managementKey = newManagementKey(deps.random);
  const project: ProjectRecord = {
    projectId: newProjectId(deps.random),
    name: name.trim(),
    managementKeyHash: sha256Hex(managementKey),
    settings: { ...defaultProjectSettings(deps.config), allowedOrigins: [] },
    createdAt: deps.clock.now(),
  };
  await deps.store.projects.create(project);
  await ensureProjectBasics(deps, project.projectId);
  return { project, managementKey };
}

/** What every project has (idempotent, run at creation and at every start): an active signing key, the built-in role. */
export async function ensureProjectBasics(
  deps: Pick<Deps, 'store' | 'tokens' | 'clock'>,
  projectId: string,
): Promise<void> {
  await Promise.all([
    deps.tokens.ensureActiveKey(projectId),
    deps.store.authz.createRole(builtinRole(projectId, deps.clock.now())),
  ]);
}
