// startLogin: runs the start steps, stores the pending auth (hashed secrets) and answers { pendingRef, redirectUrl, image }.
import type { NOTPResponse } from '@notp/core';
import { STARTED } from '../../activity/activityMetrics.js';
import type { Deps } from '../../deps.js';
import { renderQr } from '../../qr/renderQr.js';
import { newPendingAuthRecord } from '../../store/newPendingAuthRecord.js';
import type { PendingRequest, ProjectRecord } from '../../store/ports.js';
import { redirectUrlFor } from '../../whatsapp/links.js';
import { chooseLocale } from '../../whatsapp/templates/chooseLocale.js';
import { prefilledMessage } from '../../whatsapp/templates/prefilledMessage.js';
import { hashMessageCode, newMessageCode } from './messageCode.js';
import { hashPendingRef, newPendingRef } from './pendingRef.js';
import type { StartInput } from './startContext.js';
import { runStartSteps } from './startSteps.js';

export type { StartInput } from './startContext.js';

/**
 * Starts a nOTP login. Sends nothing to WhatsApp (cost abuse: a start must never make us message anyone);
 * the user's own message, carrying the code, completes it.
 */
export async function startLogin(deps: Deps, project: ProjectRecord, input: StartInput): Promise<NOTPResponse> {
  const ctx = await runStartSteps(deps, project, input);
  const o = input.options ?? {};
  const now = deps.clock.now();
  const code = newMessageCode(deps.random);
  const pendingRef = newPendingRef(deps.random);

  const request: PendingRequest = { loginId: ctx.loginId, loginIdKind: ctx.loginIdKind };
  if (ctx.user && Object.keys(ctx.user).length > 0) request.user = ctx.user;
  if (o.customClaims && Object.keys(o.customClaims).length > 0) {
    request.customClaims = o.customClaims;
    if (ctx.trusted) request.customClaimsTrusted = true;
  }
  if (o.templateId !== undefined) request.templateId = o.templateId;
  if (o.templateOptions !== undefined) request.templateOptions = o.templateOptions;
  if (o.tenantId !== undefined && o.tenantId !== '') request.tenantId = o.tenantId;
  // Resolved once here: the prefilled text, the replies and the confirmation prompt all speak this language.
  const locale = chooseLocale(o.locale, input.acceptLanguage);
  request.locale = locale;
  if (o.stepup === true) request.stepup = true;
  if (o.mfa === true) request.mfa = true;
  if (ctx.newPhone !== undefined) request.newPhone = ctx.newPhone;
  if (input.kind === 'update' && o.addToLoginIDs === true) request.addToLoginIds = true;
  if (input.ip !== undefined) request.ip = input.ip;
  if (input.userAgent !== undefined) request.userAgent = input.userAgent;

  const record = newPendingAuthRecord({
    id: deps.random.bytes(12).toString('base64url'),
    projectId: project.projectId,
    refHash: hashPendingRef(pendingRef),
    codeHash: hashMessageCode(code),
    kind: input.kind,
    request,
    expectedPhone: ctx.expectedPhone,
    userId: ctx.parent?.user.userId ?? ctx.existingUser?.userId ?? null,
    parentSessionId: ctx.parent?.session.id ?? null,
    createdAt: now,
    expiresAt: now + project.settings.pendingTtlSec * 1000,
  });
  await deps.store.pendingAuths.create(record);
  deps.activity?.count(record.projectId, STARTED, 1, now);

  const text = prefilledMessage(
    {
      appName: project.name,
      code,
      ...(o.templateId !== undefined ? { templateId: o.templateId } : {}),
      ...(o.templateOptions !== undefined ? { templateOptions: o.templateOptions } : {}),
      locale,
      ...(project.settings.templates === undefined ? {} : { templates: project.settings.templates }),
    },
    deps.prefilledBodies,
  );
  const redirectUrl = redirectUrlFor(deps.config, text);
  return { pendingRef, redirectUrl, image: renderQr(redirectUrl, o.qrFormat ?? 'png') };
}
