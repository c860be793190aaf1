// `--set key=value …` → a settings patch for the settings flow (flows/management/projectSettings.ts), which validates
// the merged result with the same schema as `PATCH /v1/mgmt/notp/project/settings`.
import { CliError } from './context.js';

/** A `--set` value: JSON where it parses (numbers, booleans, arrays, objects, null), else the text itself. */
function parseValue(key: string, raw: string): unknown {
  // Convenience: origins as a comma-separated list (`--set allowedOrigins=https://a.example,https://b.example`).
  if (key === 'allowedOrigins' && !raw.trimStart().startsWith('[')) {
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export interface SettingsInput {
  /** The settings patch (JSON Merge Patch: `null` removes a setting). */
  patch: Record<string, unknown>;
  /** `--set name=…`: the project's name (the name in WhatsApp messages), which is not a setting. */
  name?: string;
}

/** Reads each `key=value` in order (a later one wins); a malformed assignment throws before anything is stored. */
export function settingsInput(assignments: readonly string[]): SettingsInput {
  const input: SettingsInput = { patch: {} };
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new CliError(`--set ${assignment}: expected key=value`, 2);
    const key = assignment.slice(0, eq);
    const raw = assignment.slice(eq + 1);
    if (key === 'name') input.name = raw;
    else input.patch[key] = parseValue(key, raw);
  }
  return input;
}
