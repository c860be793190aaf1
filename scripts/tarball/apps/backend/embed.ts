// Type check only (tsc, moduleResolution node16): @notp/server's public entry, as someone embedding the server uses it.
import { buildApp, type Config, closeDeps, createDeps, loadConfig } from '@notp/server';

export async function embedded(env: Record<string, string>): Promise<() => Promise<void>> {
  const config: Readonly<Config> = loadConfig(env);
  const deps = await createDeps(config);
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  return async () => {
    await app.close();
    await closeDeps(deps);
  };
}
