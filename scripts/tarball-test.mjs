// npm run test:tarball: pack every package, install the tarballs into one throwaway app folder, build real apps, log in.
// Apps: Express + @notp/node-sdk, React + Vite, Vue + Vite, plain HTML + the server's UMD bundle, Next; the server is
// the installed `notp` bin (simulator, temp SQLite). NOTP_TARBALL_KEEP=1 keeps the folder; NOTP_CHROMIUM sets Chromium.
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkEngines } from './tarball/engines.mjs';
import { loginEverywhere } from './tarball/logins.mjs';
import { freePort, runIn, startIn } from './tarball/processes.mjs';
import { buildAll, packAll, ROOT } from './release/packages.mjs';

const { values: opts } = parseArgs({ options: { build: { type: 'boolean', default: false } } });

/** The frameworks a stranger installs beside our packages (one install for every app). */
const FRAMEWORKS = {
  react: '19.3.1',
  'react-dom': '19.3.1',
  vue: '3.5.45',
  next: '16.4.6',
  express: '5.2.1',
  vite: '8.3.8',
  '@vitejs/plugin-react': '6.3.1',
  '@vitejs/plugin-vue': '6.1.1',
  typescript: '5.9.3',
  '@types/node': '20.19.43',
  '@types/react': '19.3.0',
  '@types/express': '5.0.6',
};

/** The workspace's built better-sqlite3 binary and its version, or null (not installed or not built). */
function workspaceSqliteBinary() {
  const root = join(ROOT, 'node_modules', 'better-sqlite3');
  const binary = join(root, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(binary)) return null;
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return { binary, version };
}

const started = Date.now();
const phases = [];
const phase = async (name, fn) => {
  const t = Date.now();
  process.stdout.write(`▶ ${name}\n`);
  const out = await fn();
  phases.push({ name, secs: (Date.now() - t) / 1000 });
  return out;
};

const chromiumPath = process.env.NOTP_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!chromiumPath) throw new Error('Chromium not found: apt-get install chromium, or set NOTP_CHROMIUM');

const dir = mkdtempSync(join(tmpdir(), 'notp-tarball-'));
const stops = [];
const results = [];
const check = (name, ok, detail = '') => results.push({ name, ok, detail });

try {
  if (opts.build) await phase('build every package', () => buildAll());
  const packed = await phase('pack every package (the release script’s pack step)', () =>
    packAll(join(dir, 'tarballs')),
  );

  await phase('npm install the tarballs and the frameworks (one install)', () => {
    cpSync(join(ROOT, 'scripts', 'tarball', 'apps'), dir, { recursive: true });
    const dependencies = { ...FRAMEWORKS };
    for (const p of packed) dependencies[p.name] = `file:${p.tarball}`;
    // better-sqlite3's install script downloads a prebuilt binary from GitHub, which this machine cannot reach, and
    // then compiles from source (10+ minutes on 2 cores). A stranger's install gets the prebuilt binary; here we give
    // the same version the binary the workspace already built for this Node (same version pinned by an override), and
    // fall back to the real install script when the workspace has none.
    const sqlite = workspaceSqliteBinary();
    const pkg = {
      name: 'notp-tarball-apps',
      private: true,
      type: 'module',
      dependencies,
      ...(sqlite ? { overrides: { 'better-sqlite3': sqlite.version } } : {}),
      // npm 11 runs install scripts only for the packages a project allows.
      allowScripts: sqlite ? { esbuild: true } : { 'better-sqlite3': true, esbuild: true },
    };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    runIn(dir, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']);
    if (sqlite) {
      const release = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release');
      mkdirSync(release, { recursive: true });
      cpSync(sqlite.binary, join(release, 'better_sqlite3.node'));
    }
  });

  await phase('engines: every dependency of our packages supports Node 20.19, 22.12 and 24', () => {
    const problems = checkEngines(
      dir,
      packed.map((p) => p.name),
    );
    check('engines of the installed dependency trees', problems.length === 0, problems.join('\n'));
  });

  await phase('tsc (moduleResolution node16) on the Express backend and @notp/server types', () => {
    runIn(dir, join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'backend/tsconfig.json']);
    check('tsc node16: backend + @notp/server types', true);
  });

  await phase('vite build: React and Vue apps', () => {
    for (const app of ['react', 'vue']) runIn(join(dir, app), join(dir, 'node_modules', '.bin', 'vite'), ['build']);
    mkdirSync(join(dir, 'html', 'dist'), { recursive: true });
    cpSync(join(dir, 'html', 'index.html'), join(dir, 'html', 'dist', 'index.html'));
  });

  await phase('next build', () =>
    runIn(join(dir, 'next'), join(dir, 'node_modules', '.bin', 'next'), ['build'], { NEXT_TELEMETRY_DISABLED: '1' }),
  );

  const projectId = `P${randomBytes(14).toString('hex').slice(0, 27)}`;
  const serverPort = await freePort();
  const baseUrl = `http://127.0.0.1:${serverPort}`;
  const server = await phase('start the installed server (notp bin, simulator, temp SQLite)', async () => {
    const s = startIn(dir, join(dir, 'node_modules', '.bin', 'notp'), [], {
      env: {
        PORT: String(serverPort),
        NOTP_PUBLIC_URL: baseUrl,
        DATABASE_URL: `sqlite:${join(dir, 'data', 'notp.db')}`,
        NOTP_DATA_DIR: join(dir, 'data'),
        NOTP_PROJECT_ID: projectId,
        NOTP_LOG_LEVEL: 'warn',
      },
      ready: (out) => out.includes('notp is running at'),
    });
    stops.push(s.stop);
    await s.started;
    return s;
  });
  const banner = server.output();
  check('banner: no /demo/ (the published server does not serve it)', !banner.includes('/demo/'), banner);
  const bundle = await fetch(`${baseUrl}/sdk/web-js-sdk.js`);
  const body = await bundle.text();
  check(
    'server serves /sdk/web-js-sdk.js from its dependencies',
    bundle.status === 200 && body.includes('Notp'),
    `${bundle.status}`,
  );
  const demo = await fetch(`${baseUrl}/demo/`);
  check('server answers /demo/ with a JSON 404 (not served)', demo.status === 404, `${demo.status}`);
  // The console ships inside @notp/server's dist: the page and the script it names, under the console's CSP.
  const consolePage = await fetch(`${baseUrl}/console/`);
  const consoleHtml = await consolePage.text();
  const consoleScript = consoleHtml.match(/src="(\/console\/assets\/[^"]+\.js)"/)?.[1];
  const script = consoleScript ? await fetch(`${baseUrl}${consoleScript}`) : null;
  check(
    'server serves the console (/console/ and its script) from its own package',
    consolePage.status === 200 &&
      String(consolePage.headers.get('content-security-policy')).includes("script-src 'self'") &&
      script?.status === 200,
    `${consolePage.status} ${consoleScript ?? 'no script'} ${script?.status ?? ''}`,
  );

  const appEnv = { NOTP_PROJECT_ID: projectId, NOTP_BASE_URL: baseUrl, NEXT_TELEMETRY_DISABLED: '1' };
  const backendPort = await freePort();
  await phase('start the Express backend', async () => {
    const s = startIn(dir, process.execPath, ['backend/dist/server.js'], {
      env: { ...appEnv, PORT: String(backendPort) },
      ready: (out) => out.includes('listening'),
    });
    stops.push(s.stop);
    await s.started;
  });
  const nextPort = await freePort();
  const nextUrl = `http://127.0.0.1:${nextPort}`;
  await phase('start next (next start -H 127.0.0.1)', async () => {
    const s = startIn(
      join(dir, 'next'),
      join(dir, 'node_modules', '.bin', 'next'),
      ['start', '-p', String(nextPort), '-H', '127.0.0.1'],
      {
        env: { ...appEnv, NODE_ENV: 'production' },
        probe: () =>
          fetch(nextUrl, { redirect: 'manual' }).then(
            () => true,
            () => false,
          ),
      },
    );
    stops.push(s.stop);
    await s.started;
  });

  const backend = `http://127.0.0.1:${backendPort}`;
  const logins = await phase('log in through the simulator in Chromium, in every app', () =>
    loginEverywhere(
      [
        {
          name: 'React + Vite',
          url: `${backend}/react/`,
          link: 'notp-whatsapp-login a.link',
          onSuccess: true,
          api: true,
        },
        { name: 'Vue + Vite', url: `${backend}/vue/`, link: 'notp-whatsapp-login a.link', onSuccess: true, api: true },
        { name: 'plain HTML + UMD', url: `${backend}/html/`, link: '#link', api: true },
        { name: 'Next (hooks)', url: `${nextUrl}/`, start: '#sign-in', link: '#link', serverPage: '/private' },
        {
          name: 'Next (<WhatsAppLogin>)',
          url: `${nextUrl}/widget`,
          link: 'notp-whatsapp-login a.link',
          onSuccess: true,
        },
      ],
      { chromiumPath },
    ),
  );
  results.push(...logins);
} catch (err) {
  check('tarball stage ran to the end', false, err instanceof Error ? err.message : String(err));
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  if (process.env.NOTP_TARBALL_KEEP === '1') process.stdout.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

process.stdout.write('\ntarball test\n');
for (const p of phases) process.stdout.write(`  ${p.secs.toFixed(1).padStart(6)} s  ${p.name}\n`);
for (const r of results) {
  process.stdout.write(
    `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok || !r.detail ? '' : `\n         ${r.detail.replaceAll('\n', '\n         ')}`}\n`,
  );
}
process.stdout.write(`  total ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
if (results.length === 0 || results.some((r) => !r.ok)) process.exit(1);
