// Store conformance of `ProjectStore` (store/projectPorts.ts).
import { describe, expect, it } from 'vitest';
import { type ConformanceContext, T0, PROJECT, OTHER_PROJECT, secretHash, project } from './fixtures.js';

/** Registers the cases of `store.projects`. */
export function describeProjects({ fresh }: ConformanceContext): void {
  describe('projects', () => {
    it('projects.create/get round-trips the record; an unknown id is null', async () => {
      const store = await fresh();
      const p = project();
      await store.projects.create(p);
      expect(await store.projects.get(PROJECT)).toEqual(p);
      expect(await store.projects.get(OTHER_PROJECT)).toBeNull();
    });

    it('projects.create: a duplicate project id is rejected', async () => {
      const store = await fresh();
      await store.projects.create(project());
      await expect(store.projects.create(project({ name: 'Other' }))).rejects.toThrow();
      expect((await store.projects.get(PROJECT))?.name).toBe('Acme Shop');
    });

    it('projects.list returns every project, oldest first', async () => {
      const store = await fresh();
      await store.projects.create(project({ projectId: OTHER_PROJECT, createdAt: T0 + 1 }));
      await store.projects.create(project());
      expect((await store.projects.list()).map((p) => p.projectId)).toEqual([PROJECT, OTHER_PROJECT]);
    });

    it('projects.updateSettings replaces the settings; unknown project → false', async () => {
      const store = await fresh();
      await store.projects.create(project());
      const settings = {
        ...project().settings,
        refreshRotation: true,
        tokenDelivery: 'cookies' as const,
        allowedOrigins: ['https://shop.example'],
      };
      expect(await store.projects.updateSettings(PROJECT, settings)).toBe(true);
      expect((await store.projects.get(PROJECT))?.settings).toEqual(settings);
      expect(await store.projects.updateSettings(OTHER_PROJECT, settings)).toBe(false);
    });

    it('projects.updateSettings with expected: only while the stored settings still equal it (compare-and-set)', async () => {
      const store = await fresh();
      const before = { ...project().settings, templates: { es: { prefilled: 'Entrar a {app}: código {code} ñ' } } };
      await store.projects.create(project({ settings: before }));
      const read = (await store.projects.get(PROJECT))?.settings ?? before;
      const a = { ...read, confirmation: true };
      const b = { ...read, refreshRotation: true };
      expect(await store.projects.updateSettings(PROJECT, a, read)).toBe(true);
      // b was computed from the old settings: it must not overwrite a's change.
      expect(await store.projects.updateSettings(PROJECT, b, read)).toBe(false);
      expect((await store.projects.get(PROJECT))?.settings).toEqual(a);
      expect(await store.projects.updateSettings(OTHER_PROJECT, a, a)).toBe(false);
    });

    it('projects.setName renames the project; unknown project → false', async () => {
      const store = await fresh();
      await store.projects.create(project());
      expect(await store.projects.setName(PROJECT, 'Acme Pay ✓')).toBe(true);
      expect((await store.projects.get(PROJECT))?.name).toBe('Acme Pay ✓');
      expect(await store.projects.setName(OTHER_PROJECT, 'x')).toBe(false);
    });

    it('projects.setManagementKeyHash replaces the hash; unknown project → false', async () => {
      const store = await fresh();
      await store.projects.create(project());
      const hash = secretHash();
      expect(await store.projects.setManagementKeyHash(PROJECT, hash)).toBe(true);
      expect((await store.projects.get(PROJECT))?.managementKeyHash).toBe(hash);
      expect(await store.projects.setManagementKeyHash(OTHER_PROJECT, hash)).toBe(false);
    });
  });
}
