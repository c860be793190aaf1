// Console sign-in routes (docs/console.md "Signing in and sessions"): the project to sign in to, sign-in with a
// session JWT or the management key, the current session, logout. Schema → flow (flows/console/) → answer + cookie.
import { errors, NotpError, PROJECT_ID_PATTERN } from '@notp/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  CONSOLE_ABSOLUTE_LIFETIME_MS,
  CONSOLE_CSRF_HEADER,
  consoleCookieName,
  isHttps,
} from '../../flows/console/consoleSessionPolicy.js';
import {
  type ConsoleSessionView,
  consoleSessionView,
  csrfMatches,
  logoutConsoleSession,
  resolveConsoleSession,
} from '../../flows/console/consoleSessions.js';
import { signInWithManagementKey, signInWithSessionJwt } from '../../flows/console/consoleSignIn.js';
import { findFirstProject } from '../../projects/bootstrapDevProject.js';
import { clientOf } from '../auth.js';
import { consolePaths } from '../consolePaths.js';
import { consoleTokenOf } from '../managementAuth.js';
import type { RouteOptions } from './RouteOptions.js';

const projectId = { type: 'string', pattern: PROJECT_ID_PATTERN.source } as const;
const str = { type: 'string' } as const;

/** The `ConsoleSession` answer. */
const sessionAnswer = {
  200: {
    type: 'object',
    required: ['projectId', 'projectName', 'admin', 'csrfToken', 'idleTimeoutSec', 'expiresAt'],
    properties: {
      projectId: str,
      projectName: str,
      admin: {
        type: 'object',
        required: ['kind'],
        properties: {
          kind: { type: 'string', enum: ['user', 'management-key'] },
          userId: str,
          name: str,
          loginId: str,
        },
      },
      csrfToken: str,
      idleTimeoutSec: { type: 'integer' },
      expiresAt: { type: 'integer', description: 'epoch ms: the absolute end of the session' },
    },
  },
} as const;

export async function consoleSessionRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const cookieName = consoleCookieName(deps.config.publicUrl);
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: isHttps(deps.config.publicUrl),
  } as const;
  const setSession = (reply: FastifyReply, token: string, view: ConsoleSessionView): ConsoleSessionView => {
    reply.setCookie(cookieName, token, { ...cookieOptions, maxAge: CONSOLE_ABSOLUTE_LIFETIME_MS / 1000 });
    reply.header('cache-control', 'no-store');
    return view;
  };

  // The console is same-origin: a browser request from another origin (it always sends Origin then) gets nothing —
  // not the CSRF token, not a session. Same-site pages share SameSite=Strict cookies, so this check is what stops them.
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin && request.routeOptions.url !== consolePaths.project) {
      throw new NotpError(errors.consoleCsrfInvalid, { detail: 'foreign Origin' });
    }
  });

  app.get<{ Querystring: { project?: string } }>(
    consolePaths.project,
    {
      schema: {
        querystring: { type: 'object', properties: { project: projectId }, additionalProperties: false },
        response: {
          200: {
            type: 'object',
            required: ['projectId', 'name'],
            properties: { projectId: str, name: str },
          },
        },
      },
    },
    async (request) => {
      const wanted = request.query.project;
      const project = wanted ? await deps.store.projects.get(wanted) : await findFirstProject(deps);
      if (!project) throw new NotpError(errors.projectUnknown, { detail: `unknown project ${wanted ?? '(first)'}` });
      return { projectId: project.projectId, name: project.name };
    },
  );

  app.post<{ Body: { projectId: string; sessionJwt: string } }>(
    consolePaths.session,
    {
      schema: {
        body: {
          type: 'object',
          required: ['projectId', 'sessionJwt'],
          properties: { projectId, sessionJwt: { type: 'string', minLength: 1, maxLength: 8192 } },
        },
        response: sessionAnswer,
      },
    },
    async (request, reply) => {
      const { token, view } = await signInWithSessionJwt(deps, request.body, clientOf(request));
      return setSession(reply, token, view);
    },
  );

  app.post<{ Body: { projectId: string; managementKey: string } }>(
    consolePaths.sessionKey,
    {
      schema: {
        body: {
          type: 'object',
          required: ['projectId', 'managementKey'],
          properties: { projectId, managementKey: { type: 'string', minLength: 1, maxLength: 512 } },
        },
        response: sessionAnswer,
      },
    },
    async (request, reply) => {
      const { token, view } = await signInWithManagementKey(deps, request.body, clientOf(request));
      return setSession(reply, token, view);
    },
  );

  app.get(consolePaths.session, { schema: { response: sessionAnswer } }, async (request, reply) => {
    const active = await resolveConsoleSession(deps, consoleTokenOf(deps, request));
    reply.header('cache-control', 'no-store');
    return consoleSessionView(deps, active);
  });

  app.post(
    consolePaths.sessionLogout,
    {
      schema: {
        body: { type: 'object', maxProperties: 0 },
        response: { 200: { type: 'object', additionalProperties: false } },
      },
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const token = consoleTokenOf(deps, request);
      if (token === undefined) throw new NotpError(errors.consoleSessionRequired, { detail: 'no console cookie' });
      // A cross-site page cannot log the admin out: the CSRF header is required here too.
      if (!csrfMatches(deps, token, request.headers[CONSOLE_CSRF_HEADER])) {
        throw new NotpError(errors.consoleCsrfInvalid, { detail: 'missing or wrong CSRF header' });
      }
      await logoutConsoleSession(deps, token, clientOf(request));
      reply.clearCookie(cookieName, cookieOptions);
      return {};
    },
  );
}
