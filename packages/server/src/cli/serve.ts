// `notp` / `notp serve`: load the configuration, open the deps, bootstrap the development project, listen, print the
// banner, and shut down gracefully on SIGTERM/SIGINT.
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, ConfigError, loadConfig, maskedConfig } from '../config/config.js';
import { closeDeps, createDeps } from '../createDeps.js';
import type { Deps } from '../deps.js';
import { consoleDistPath } from '../http/routes/console.js';
import { demoDistPath } from '../http/routes/demo.js';
import { bootstrapDevProject } from '../projects/bootstrapDevProject.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/** The banner names only what this server serves: the demo when it runs the simulator and @notp/demo is installed. */
function banner(config: Config, url: string, projectId: string, managementKey: string | undefined): string {
  const demo = config.provider === 'simulator' ? demoDistPath() : null;
  const servesDemo = demo !== null && existsSync(demo);
  const consoleDir = consoleDistPath();
  const servesConsole = consoleDir !== null && existsSync(consoleDir);
  const lines = [
    '',
    `  notp is running at ${url}`,
    '',
    `  Project ID       ${projectId}`,
    managementKey
      ? `  Management key   ${managementKey}   (shown once; set NOTP_MANAGEMENT_KEY to fix it)`
      : '  Management key   (stored hashed; set NOTP_MANAGEMENT_KEY to choose one)',
    `  WhatsApp         ${config.provider}${config.provider === 'simulator' ? ` — open the redirectUrl of a login to "send" the message` : ''}`,
    `  Database         ${String(maskedConfig(config).databaseUrl)}`,
    `  Browser SDK      ${url}/sdk/web-js-sdk.js   (UMD, global \`Notp\`)`,
    `  Login element    ${url}/sdk/login-element.js   (<notp-whatsapp-login>, one script)`,
    `  API document     ${url}/openapi.json   (every route, OpenAPI 3.1)`,
    servesConsole
      ? `  Admin console    ${url}/console/   (sign in with the management key, or WhatsApp as a console-admin)`
      : '  Admin console    not built: run `npm run build` to serve it at /console/',
    ...(servesDemo
      ? [`  Demo             ${url}/demo/   (sign up, scan or open the link, press Send in the simulator)`]
      : []),
    '',
    '  Try it:',
    `    curl -s -X POST ${url}/v1/auth/notp/whatsapp/signup-in \\`,
    `      -H 'Authorization: Bearer ${projectId}' -H 'Content-Type: application/json' -d '{"loginId":""}'`,
    `  then open its redirectUrl, press Send, and POST {"pendingRef": …} to ${url}/v1/auth/notp/pending-session`,
    '',
  ];
  return lines.join('\n');
}

function devWarnings(config: Config): string[] {
  const w: string[] = [];
  if (config.provider === 'simulator') w.push('WhatsApp provider is the SIMULATOR: for development only.');
  if (!config.rateLimit) w.push('NOTP_RATE_LIMIT=off: every rate limit is DISABLED (benchmarks only).');
  return w;
}

export async function serve(): Promise<void> {
  const config = loadConfig();
  const deps = await createDeps(config);
  const { project, managementKey } = await bootstrapDevProject(deps);
  const app = await buildApp(deps);
  deps.log.info({ config: maskedConfig(config) }, 'configuration');
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError(`port ${config.port} is already in use: set PORT to a free port`);
    throw err;
  }
  for (const w of devWarnings(config)) deps.log.warn(`⚠ ${w}`);
  process.stdout.write(`${banner(config, config.publicUrl, project.projectId, managementKey)}\n`);
  installShutdown(app, deps);
}

function installShutdown(app: FastifyInstance, deps: Deps): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    deps.log.info({ signal }, 'shutting down: answering held requests, draining');
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    // app.close(): stop accepting, answer held long-polls (the preClose hook in http/routes/notp.ts), finish in-flight requests.
    app
      .close()
      .then(() => closeDeps(deps))
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        deps.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
