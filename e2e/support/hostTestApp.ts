// hostTestApp: bundles an e2e app (e2e/apps/<name>) and serves it from its own origin, pointed at the server under test.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleApp } from './bundleApp.js';
import { HTML, JS, type StaticSite, serveStatic } from './StaticSite.js';

export async function hostTestApp(
  name: 'react' | 'vue',
  target: { projectId: string; url: string },
): Promise<StaticSite> {
  const dir = fileURLToPath(new URL(`../apps/${name}/`, import.meta.url));
  const entry = name === 'react' ? 'main.tsx' : 'main.ts';
  const config = { projectId: target.projectId, baseUrl: target.url };
  return serveStatic({
    '/index.html': { body: await readFile(`${dir}index.html`), contentType: HTML },
    '/config.js': { body: `window.NOTP_E2E = ${JSON.stringify(config)};\n`, contentType: JS },
    '/app.js': { body: await bundleApp(`${dir}${entry}`), contentType: JS },
  });
}
