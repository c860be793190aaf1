// RouteOptions: what every route plugin receives from buildApp (its own file so routes never import app.ts).
import type { Deps } from '../../deps.js';

/** Options every route plugin receives. */
export interface RouteOptions {
  deps: Deps;
}
