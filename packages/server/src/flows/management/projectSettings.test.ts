// Project flows over real deps (SQLite, in-process bus): concurrent partial changes all land; changes are audited and
// announced; refusals store nothing and announce nothing.
import { errors } from '@notp/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectChangedChannel } from '../../events/ports.js';
import { type FlowTestKit, makeFlowDeps } from '../notp/testing/makeFlowDeps.js';
import { renameProject, updateProjectSettings } from './projectSettings.js';

const client = { ip: '203.0.113.9', userAgent: 'test' };
let kit: FlowTestKit;
let announced: string[];
beforeEach(async () => {
  kit = await makeFlowDeps();
  announced = [];
  kit.deps.events.subscribe(projectChangedChannel, (m) => announced.push(m));
});
afterEach(() => kit.close());

describe('updateProjectSettings', () => {
  it('concurrent partial changes all land: each is re-validated on what the other stored (no lost update)', async () => {
    const names = ['startPerIp', 'startPerLoginId', 'inboundPerSender', 'pollsPerPendingRef'] as const;
    await Promise.all(
      names.map((name, i) =>
        updateProjectSettings(
          kit.deps,
          kit.project.projectId,
          { rateLimits: { [name]: { limit: 100 + i, windowMs: 60_000 } } },
          client,
        ),
      ),
    );
    const stored = (await kit.deps.store.projects.get(kit.project.projectId))?.settings.rateLimits;
    expect(stored).toEqual(Object.fromEntries(names.map((n, i) => [n, { limit: 100 + i, windowMs: 60_000 }])));
    expect(announced).toEqual(names.map(() => kit.project.projectId));
    const audit = await kit.deps.store.audit.query(kit.project.projectId, { type: 'project-changed' });
    expect(audit.map((e) => [e.detail, e.ip])).toEqual(names.map(() => ['settings: rateLimits', client.ip]));
  });

  it('a refused change stores, audits and announces nothing; an unchanged one announces nothing', async () => {
    const before = await kit.deps.store.projects.get(kit.project.projectId);
    await expect(
      updateProjectSettings(kit.deps, kit.project.projectId, { confirmation: true, pendingTtlSec: 5 }, client),
    ).rejects.toMatchObject({ def: errors.invalidProjectSettings });
    await updateProjectSettings(
      kit.deps,
      kit.project.projectId,
      { confirmation: before?.settings.confirmation },
      client,
    );
    expect(await kit.deps.store.projects.get(kit.project.projectId)).toEqual(before);
    expect(announced).toEqual([]);
    expect(await kit.deps.store.audit.query(kit.project.projectId, { type: 'project-changed' })).toEqual([]);
  });
});

describe('renameProject', () => {
  it('renames, audits and announces; a bad name changes nothing', async () => {
    await renameProject(kit.deps, kit.project.projectId, '  Acme Pay ', client);
    expect((await kit.deps.store.projects.get(kit.project.projectId))?.name).toBe('Acme Pay');
    await expect(renameProject(kit.deps, kit.project.projectId, 42, client)).rejects.toMatchObject({
      def: errors.invalidProjectName,
    });
    expect((await kit.deps.store.projects.get(kit.project.projectId))?.name).toBe('Acme Pay');
    expect(announced).toEqual([kit.project.projectId]);
  });
});
