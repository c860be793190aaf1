// createProject(deps, { name }): a new project with its own management key (returned once, stored hashed) and signing key.
import { errors, NotpError } from '@notp/core';
import { sha256Hex } from '../crypto/sha256Hex.js';
import type { Deps } from '../deps.js';
import type { ProjectRecord } from '../store/ports.js';
import { newManagementKey, newProjectId } from './bootstrapDevProject.js';
import { defaultProjectSettings } from './defaults.js';

/** Longest project name (it appears in every WhatsApp message: "Log in to <name>"). */
export const MAX_PROJECT_NAME = 100; // characters

export interface CreatedProject {
  project: ProjectRecord;
  /** The management key in clear: shown once, never stored. */
  managementKey: string;
}

/**
 * A production project: the default lifetimes, its name as the app name in messages, and NO allowed browser origins
 * (the development project's localhost patterns are not granted: the operator lists the app's real origins).
 */
export async function createProject(
  deps: Pick<Deps, 'config' | 'store' | 'tokens' | 'random' | 'clock'>,
  input: { name: string },
): Promise<CreatedProject> {
  const name = input.name.trim();
  if (name === '' || name.length > MAX_PROJECT_NAME) {
    throw new NotpError(errors.invalidArguments, {
      message: `project name must be 1 to ${MAX_PROJECT_NAME} characters`,
    });
  }
  const managementKey = newManagementKey(deps.random);
  const project: ProjectRecord = {
    projectId: newProjectId(deps.random),
    name,
    managementKeyHash: sha256Hex(managementKey),
    settings: { ...defaultProjectSettings(deps.config), allowedOrigins: [] },
    createdAt: deps.clock.now(),
  };
  await deps.store.projects.create(project);
  await deps.tokens.ensureActiveKey(project.projectId);
  return { project, managementKey };
}
