// Console sign-in routes (docs/console.md "Signing in and sessions"): the project to sign in to, sign-in with a
// session JWT or the management key, the current session, logout. Schema → flow (flows/console/) → answer + cookie.
import { errors, NotpError } from '@notp/core';
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
import { absentBodyAsObject } from '../requestSchemas.js';
import type { RouteOptions } from './RouteOptions.js';
import { consoleSessionSchemas } from './consoleSessionSchemas.js';

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
    { schema: consoleSessionSchemas.project },
    async (request) => {
      const wanted = request.query.project;
      const project = wanted ? await deps.store.projects.get(wanted) : await findFirstProject(deps);
      if (!project) throw new NotpError(errors.projectUnknown, { detail: `unknown project ${wanted ?? '(first)'}` });
      return { projectId: project.projectId, name: project.name };
    },
  );

  app.post<{ Body: { projectId: string; sessionJwt: string } }>(
    consolePaths.session,
    { schema: consoleSessionSchemas.signInWithJwt },
    async (request, reply) => {
      const { token, view } = await signInWithSessionJwt(deps, request.body, clientOf(request));
      return setSession(reply, token, view);
    },
  );

  app.post<{ Body: { projectId: string; managementKey: string } }>(
    consolePaths.sessionKey,
    { schema: consoleSessionSchemas.signInWithKey },
    async (request, reply) => {
      const { token, view } = await signInWithManagementKey(deps, request.body, clientOf(request));
      return setSession(reply, token, view);
    },
  );

  app.get(consolePaths.session, { schema: consoleSessionSchemas.session }, async (request, reply) => {
    const active = await resolveConsoleSession(deps, consoleTokenOf(deps, request));
    reply.header('cache-control', 'no-store');
    return consoleSessionView(deps, active);
  });

  app.post(
    consolePaths.sessionLogout,
    {
      schema: consoleSessionSchemas.logout,
      preValidation: absentBodyAsObject,
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
