// JSON schemas of the project routes (http/routes/project.ts): the settings, generated from the one zod schema
// (projects/projectSettings.ts), and `management.project.updateName`.
import { z } from 'zod';
import { projectSettingsSchema } from '../../projects/projectSettings.js';
import { anyBody } from '../requestSchemas.js';
import { emptyAnswer, str } from '../responseSchemas.js';

/**
 * The settings as JSON Schema, generated from the one zod schema (so the answer's shape cannot drift from it). No
 * top-level `required`: a project stored before a new setting existed must still be answered, not fail serialising.
 */
const {
  $schema: _dialect,
  required: _required,
  ...settingsJsonSchema
} = z.toJSONSchema(projectSettingsSchema, { io: 'output' });

/** Route schemas per project route. */
export const projectSchemas = {
  view: {
    response: {
      200: {
        type: 'object',
        required: ['projectId', 'name', 'settings'],
        properties: { projectId: str, name: str, settings: settingsJsonSchema },
      },
    },
  },
  settings: {
    // Any subset of the settings (JSON Merge Patch: null removes an optional one). Its values are checked by the
    // settings schema on the merged result, so that a bad value answers the settings' own error codes (E908…).
    body: { ...anyBody, maxProperties: 64 },
    response: { 200: { type: 'object', required: ['settings'], properties: { settings: settingsJsonSchema } } },
  },
  updateName: {
    body: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 1024 } } },
    response: emptyAnswer,
  },
} as const;
