// Every start: the first project (created on first start; fixed by NOTP_PROJECT_ID / NOTP_MANAGEMENT_KEY, else
// generated), its name and origins from NOTP_APP_NAME / NOTP_ALLOWED_ORIGINS when set, and its signing key.
import { safeEqual } from '../crypto/safeEqual.js';
import { sha256Hex } from '../crypto/sha256Hex.js';
import type { Deps } from '../deps.js';
import type { ProjectRecord } from '../store/ports.js';
import { ensureProjectBasics } from './createProject.js';
import { DEFAULT_APP_NAME, defaultProjectSettings } from './defaults.js';
import { newManagementKey, newProjectId } from './newProjectCredentials.js';

export interface BootstrapResult {
  project: ProjectRecord;
  /** The management key in clear, only when it was generated now (print it once); never stored. */
  managementKey?: string;
  /** True when the project was created by this call. */
  created: boolean;
}

/**
 * The first project: NOTP_PROJECT_ID's when set, else the oldest one (created_at, then project id) — the one the
 * first start created, whatever it has been renamed to since. Projects created later (the CLI) are never "first".
 */
export async function findFirstProject(deps: Pick<Deps, 'config' | 'store'>): Promise<ProjectRecord | null> {
  if (deps.config.projectId) return deps.store.projects.get(deps.config.projectId);
  return (await deps.store.projects.list())[0] ?? null;
}

export async function bootstrapDevProject(
  deps: Pick<Deps, 'config' | 'store' | 'tokens' | 'random' | 'clock' | 'log'>,
): Promise<BootstrapResult> {
  const { config, store } = deps;
  const existing = await findFirstProject(deps);

  if (existing) {
    let project = existing;
    if (config.managementKey) {
      const hash = sha256Hex(config.managementKey);
      // constant-time: the stored hash guards management access
      if (!safeEqual(hash, existing.managementKeyHash)) {
        await store.projects.setManagementKeyHash(existing.projectId, hash);
        project = { ...existing, managementKeyHash: hash };
        deps.log.info({ projectId: project.projectId }, 'management key replaced from NOTP_MANAGEMENT_KEY');
      }
    }
    // NOTP_APP_NAME, NOTP_ALLOWED_ORIGINS and NOTP_CONFIRMATION, when set, win over what is stored (the environment
    // is how deployments configure the first project); unset leaves the stored values alone.
    if (config.appName !== undefined && project.name !== config.appName) {
      await store.projects.setName(project.projectId, config.appName);
      project = { ...project, name: config.appName };
      deps.log.info({ projectId: project.projectId }, 'project name set from NOTP_APP_NAME');
    }
    const settings = { ...project.settings };
    if (config.devConfirmation !== undefined) settings.confirmation = config.devConfirmation;
    if (config.allowedOrigins !== undefined) settings.allowedOrigins = [...config.allowedOrigins];
    if (JSON.stringify(settings) !== JSON.stringify(project.settings)) {
      await store.projects.updateSettings(project.projectId, settings);
      project = { ...project, settings };
      deps.log.info({ projectId: project.projectId }, 'project settings set from the environment');
    }
    await ensureProjectBasics(deps, project.projectId);
    return { project, created: false };
  }

  const generatedKey = config.managementKey ? undefined : newManagementKey(deps.random);
  const managementKey = config.managementKey ?? generatedKey ?? '';
  const project: ProjectRecord = {
    projectId: config.projectId ?? newProjectId(deps.random),
    name: config.appName ?? DEFAULT_APP_NAME,
    managementKeyHash: sha256Hex(managementKey),
    settings: {
      ...defaultProjectSettings(config),
      confirmation: config.devConfirmation ?? false,
      ...(config.allowedOrigins === undefined ? {} : { allowedOrigins: [...config.allowedOrigins] }),
    },
    createdAt: deps.clock.now(),
  };
  await store.projects.create(project);
  await ensureProjectBasics(deps, project.projectId);
  if (config.allowedOrigins === undefined) {
    deps.log.warn(
      { projectId: project.projectId },
      'created the first project with the development origins (http://localhost:* and http://127.0.0.1:*); set NOTP_ALLOWED_ORIGINS for production',
    );
  } else {
    deps.log.info({ projectId: project.projectId, name: project.name }, 'created the first project');
  }
  return generatedKey ? { project, managementKey: generatedKey, created: true } : { project, created: true };
}
