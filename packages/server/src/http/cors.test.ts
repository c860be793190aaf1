// CORS: origin patterns (exact origins and `scheme://host:*` wildcards only), and the preflight cache dropped by the
// project-changed event while real requests read their project's row.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { projectChangedChannel } from '../events/ports.js';
import { makeFlowDeps } from '../flows/notp/testing/makeFlowDeps.js';
import { originMatches, registerCors } from './cors.js';

describe('originMatches', () => {
  it.each([
    ['http://localhost:*', 'http://localhost:3000', true],
    ['http://localhost:*', 'http://localhost', true],
    ['http://localhost:*', 'http://localhost.evil.com:3000', false],
    ['http://localhost:*', 'http://localhost:3000.evil.com', false],
    ['http://localhost:*', 'https://localhost:3000', false],
    ['https://app.example.com', 'https://app.example.com', true],
    ['https://app.example.com', 'https://app.example.com.evil.com', false],
    ['https://app.example.com', 'http://app.example.com', false],
    ['http://127.0.0.1:*', 'http://127.0.0.1:5173', true],
  ])('%s vs %s → %s', (pattern, origin, expected) => {
    expect(originMatches(pattern, origin)).toBe(expected);
  });
});

describe('registerCors and settings changes', () => {
  it('preflights use the cached lists until the project-changed event; real requests read the project at once', async () => {
    const kit = await makeFlowDeps({ allowedOrigins: ['https://app.example.com'] });
    const app = Fastify();
    registerCors(app, kit.deps);
    app.post('/x', async () => ({}));
    const origin = 'https://app.example.com';
    const preflight = () =>
      app.inject({ method: 'OPTIONS', url: '/x', headers: { origin, 'access-control-request-method': 'POST' } });
    const real = () =>
      app.inject({ method: 'POST', url: '/x', headers: { origin, authorization: `Bearer ${kit.project.projectId}` } });
    try {
      expect((await preflight()).headers['access-control-allow-origin']).toBe(origin);
      const settings = { ...kit.project.settings, allowedOrigins: ['https://other.example.com'] };
      await kit.deps.store.projects.updateSettings(kit.project.projectId, settings);
      expect((await real()).headers['access-control-allow-origin']).toBeUndefined();
      // Without the event the preflight cache still holds the old list (bounded by its lifetime)…
      expect((await preflight()).headers['access-control-allow-origin']).toBe(origin);
      // …and the event drops it on this instance.
      await kit.deps.events.publish(projectChangedChannel, kit.project.projectId);
      expect((await preflight()).headers['access-control-allow-origin']).toBeUndefined();
      // An added origin is allowed at once even before any event (a refusal re-reads the lists).
      await kit.deps.store.projects.updateSettings(kit.project.projectId, kit.project.settings);
      expect((await preflight()).headers['access-control-allow-origin']).toBe(origin);
    } finally {
      await app.close();
      await kit.close();
    }
  });

  it('lets the server’s own origin (the console) through without CORS headers or reading every project', async () => {
    const kit = await makeFlowDeps({ allowedOrigins: [] });
    const app = Fastify();
    let listed = 0;
    const list = kit.deps.store.projects.list.bind(kit.deps.store.projects);
    kit.deps.store.projects.list = async () => {
      listed++;
      return list();
    };
    registerCors(app, kit.deps);
    app.post('/x', async () => ({ ok: true }));
    try {
      const own = new URL(kit.deps.config.publicUrl).origin;
      const r = await app.inject({ method: 'POST', url: '/x', headers: { origin: own } });
      expect(r.statusCode).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
      expect(r.headers.vary).toBe('Origin');
      expect(listed).toBe(0);
      // A foreign origin is still checked against the projects' lists (and granted nothing here).
      const foreign = await app.inject({ method: 'POST', url: '/x', headers: { origin: 'https://evil.example' } });
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      expect(listed).toBeGreaterThan(0);
    } finally {
      await app.close();
      await kit.close();
    }
  });
});
