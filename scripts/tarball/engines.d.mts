// Types of engines.mjs, for its test.
export const SUPPORTED_NODE: string[];
export function checkEngines(appDir: string, roots: string[]): string[];
