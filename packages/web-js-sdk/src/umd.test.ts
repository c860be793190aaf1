// The UMD/IIFE bundle, built with the package's own tsup settings, gives a plain <script> the global Notp(options).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../tsup.config.js';
import { type ContractServer, startContractServer, TEST_PROJECT_ID } from '@notp/test-utils/contract';

let server: ContractServer;
beforeAll(async () => {
  server = await startContractServer();
});
afterAll(() => server.close());

interface UmdSdk {
  notp: { signUp(loginId: string, user: object): Promise<{ ok: boolean; data?: { pendingRef: string } }> };
}

describe('UMD bundle', () => {
  it('a classic <script> defines the global Notp, which works like NotpSdk', async () => {
    const umd = (tsupConfig as { globalName?: string; footer?: { js: string } }[]).find((c) => c.globalName);
    expect(umd?.globalName).toBe('Notp');
    const out = await build({
      entryPoints: [fileURLToPath(new URL('./umd.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      globalName: umd!.globalName,
      footer: umd!.footer,
      write: false,
      platform: 'browser',
    });
    const dom = new JSDOM('<!doctype html><html><body></body></html>', {
      url: 'http://localhost:5173/',
      runScripts: 'dangerously',
    });
    const window = dom.window as unknown as Window & { Notp: (options: object) => UmdSdk; fetch: typeof fetch };
    window.fetch = fetch; // jsdom has no fetch of its own; a real browser does
    const script = window.document.createElement('script');
    script.textContent = out.outputFiles[0]!.text;
    window.document.body.appendChild(script);

    expect(typeof window.Notp).toBe('function');
    const sdk = window.Notp({
      projectId: TEST_PROJECT_ID,
      baseUrl: server.url,
      persistTokens: true,
      autoRefresh: true,
    });
    const resp = await sdk.notp.signUp('+15555555555', { name: 'Joe Person', phone: '+15555555555' });
    expect(resp.ok).toBe(true);
    expect(resp.data?.pendingRef).toMatch(/^[0-9a-f]{32}$/);
    dom.window.close();
  });

  it('imported as a module (`import "@notp/web-js-sdk/umd"`) it sets the global Notp too', async () => {
    expect((globalThis as { Notp?: unknown }).Notp).toBeUndefined();
    const { default: umd } = await import('./umd.js');
    expect(globalThis.Notp).toBe(umd);
    expect(globalThis.Notp.NotpSdk).toBe(umd);
    expect(typeof globalThis.Notp.version).toBe('string');
    delete (globalThis as { Notp?: unknown }).Notp;
  });
});
