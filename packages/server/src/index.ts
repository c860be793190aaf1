// @notp/server programmatic API: build and run the server inside another Node program (tests, custom hosting).
export { buildApp, API_BODY_LIMIT } from './app.js';
export type { RouteOptions } from './http/routes/RouteOptions.js';
export { loadConfig, maskedConfig, ConfigError } from './config/config.js';
export type { Config, ProviderName } from './config/config.js';
export { createDeps, closeDeps } from './createDeps.js';
export type { Deps } from './deps.js';
export type { Clock, Random } from './ports.js';
export { bootstrapDevProject } from './projects/bootstrapDevProject.js';
export type { Store } from './store/ports.js';
