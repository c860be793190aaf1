// Project routes (CONTRACT.md §7): the settings API (notp extension) and `management.project.updateName`;
// authorised by the management family's preHandler (managementFamily.ts).
import { routes } from '@notp/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteOptions } from './RouteOptions.js';
import { projectView, renameProject, updateProjectSettings } from '../../flows/management/projectSettings.js';
import { projectSettingsSchema } from '../../projects/projectSettings.js';
import { auditClientOf, managedProjectId, managementOf } from '../managementAuth.js';

/**
 * The settings as JSON Schema, generated from the one zod schema (so the answer's shape cannot drift from it). No
 * top-level `required`: a project stored before a new setting existed must still be answered, not fail serialising.
 */
const {
  $schema: _dialect,
  required: _required,
  ...settingsJsonSchema
} = z.toJSONSchema(projectSettingsSchema, { io: 'output' });

export async function projectRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  app.get(
    routes.mgmt.notpProject,
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['projectId', 'name', 'settings'],
            properties: { projectId: { type: 'string' }, name: { type: 'string' }, settings: settingsJsonSchema },
          },
        },
      },
    },
    async (request) => projectView(managementOf(request).project),
  );

  app.patch(
    routes.mgmt.notpProjectSettings,
    {
      schema: {
        // Any subset of the settings (JSON Merge Patch: null removes an optional one). Its values are checked by the
        // settings schema on the merged result, so that a bad value answers the settings' own error codes (E908…).
        body: { type: 'object', maxProperties: 64 },
        response: {
          200: { type: 'object', required: ['settings'], properties: { settings: settingsJsonSchema } },
        },
      },
    },
    async (request) => {
      const projectId = managedProjectId(request);
      return { settings: await updateProjectSettings(deps, projectId, request.body, auditClientOf(request)) };
    },
  );

  // `management.project.updateName(name)` posts `{ name }` and reads nothing from the answer.
  app.post<{ Body: { name: string } }>(
    routes.mgmt.projectUpdateName,
    {
      schema: {
        body: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', maxLength: 1024 } },
        },
        response: { 200: { type: 'object', additionalProperties: false } },
      },
    },
    async (request) => {
      await renameProject(deps, managedProjectId(request), request.body.name, auditClientOf(request));
      return {};
    },
  );
}
