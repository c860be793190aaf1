// First start: the development project (fixed by NOTP_PROJECT_ID / NOTP_MANAGEMENT_KEY, else generated) and its signing key.
import { randomAlphanumeric } from '../crypto/randomAlphanumeric.js';
import { safeEqual } from '../crypto/safeEqual.js';
import { sha256Hex } from '../crypto/sha256Hex.js';
import type { Deps } from '../deps.js';
import type { ProjectRecord } from '../store/ports.js';
import { ensureProjectBasics } from './createProject.js';
import { defaultProjectSettings } from './defaults.js';

/** Name of the project created on first start; a restart without NOTP_PROJECT_ID finds it by this name. */
export const DEV_PROJECT_NAME = 'Development';

export interface BootstrapResult {
  project: ProjectRecord;
  /** The management key in clear, only when it was generated now (print it once); never stored. */
  managementKey?: string;
  /** True when the project was created by this call. */
  created: boolean;
}

/** `P` + 27 alphanumerics: the contract's project id shape (longer ids make the SDKs derive a region). */
export function newProjectId(random: Deps['random']): string {
  return `P${randomAlphanumeric(random, 27)}`;
}

/** 256 random bits, base64url: no ':' (the bearer is split on ':'). */
export function newManagementKey(random: Deps['random']): string {
  return random.bytes(32).toString('base64url');
}

export async function bootstrapDevProject(
  deps: Pick<Deps, 'config' | 'store' | 'tokens' | 'random' | 'clock' | 'log'>,
): Promise<BootstrapResult> {
  const { config, store } = deps;
  const existing = config.projectId
    ? await store.projects.get(config.projectId)
    : ((await store.projects.list()).find((p) => p.name === DEV_PROJECT_NAME) ?? null);

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
    // NOTP_CONFIRMATION, when set, wins over the stored setting (the env var is how scripts switch it).
    if (config.devConfirmation !== undefined && project.settings.confirmation !== config.devConfirmation) {
      const settings = { ...project.settings, confirmation: config.devConfirmation };
      await store.projects.updateSettings(project.projectId, settings);
      project = { ...project, settings };
    }
    await ensureProjectBasics(deps, project.projectId);
    return { project, created: false };
  }

  const generatedKey = config.managementKey ? undefined : newManagementKey(deps.random);
  const managementKey = config.managementKey ?? generatedKey ?? '';
  const project: ProjectRecord = {
    projectId: config.projectId ?? newProjectId(deps.random),
    name: DEV_PROJECT_NAME,
    managementKeyHash: sha256Hex(managementKey),
    settings: { ...defaultProjectSettings(config), confirmation: config.devConfirmation ?? false },
    createdAt: deps.clock.now(),
  };
  await store.projects.create(project);
  await ensureProjectBasics(deps, project.projectId);
  deps.log.warn(
    { projectId: project.projectId },
    'created the development project (allows http://localhost:* and http://127.0.0.1:* origins): for development only',
  );
  return generatedKey ? { project, managementKey: generatedKey, created: true } : { project, created: true };
}
