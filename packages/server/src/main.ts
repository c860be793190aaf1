// CLI entry: `notp` (or `npm start`) serves; `notp keys rotate` rotates the development project's signing key.
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, maskedConfig, type Config } from './config/config.js';
import { closeDeps, createDeps } from './createDeps.js';
import type { Deps } from './deps.js';
import { demoDistPath } from './http/routes/demo.js';
import { rotateSigningKey } from './flows/management/rotateSigningKey.js';
import { bootstrapDevProject } from './projects/bootstrapDevProject.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/** The banner names only what this server serves: the demo when it runs the simulator and @notp/demo is installed. */
function banner(config: Config, url: string, projectId: string, managementKey: string | undefined): string {
  const demo = config.provider === 'simulator' ? demoDistPath() : null;
  const servesDemo = demo !== null && existsSync(demo);
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

async function serve(): Promise<void> {
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
    // app.close(): stop accepting, answer held long-polls (onClose hook), finish in-flight requests.
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

async function rotateKeys(): Promise<void> {
  const config = loadConfig();
  const deps = await createDeps(config);
  try {
    const { project } = await bootstrapDevProject(deps);
    const { kid } = await rotateSigningKey(deps, project.projectId, { userAgent: 'notp keys rotate (CLI)' });
    process.stdout.write(`rotated signing key of ${project.projectId}: new kid ${kid}\n`);
  } finally {
    await closeDeps(deps);
  }
}

async function main(argv: string[]): Promise<void> {
  const [cmd, sub] = argv;
  if (cmd === undefined || cmd === 'serve') return serve();
  if (cmd === 'keys' && sub === 'rotate') return rotateKeys();
  if (cmd === '--help' || cmd === 'help') {
    process.stdout.write('usage: notp [serve] | notp keys rotate\n');
    return;
  }
  throw new ConfigError(`unknown command: ${argv.join(' ')} (try: notp --help)`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`notp: ${err.message}\n`);
  } else {
    process.stderr.write(`notp: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
