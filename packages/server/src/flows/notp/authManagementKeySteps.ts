// The start steps that read the auth management key: trust for custom claims, and the email-login-id setting.
import { errors, NotpError } from '@notp/core';
import { safeEqual } from '../../crypto/safeEqual.js';
import { sha256Hex } from '../../crypto/sha256Hex.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { countRateLimitFailure, enforceRateLimit, refuseIfRateLimited } from '../../rate-limit/enforceRateLimit.js';
import type { StartStep } from './startContext.js';

/**
 * The auth management key, when the start carries one: right → trusted, wrong → 401 (never silently untrusted: a
 * backend with a stale key must learn it). Checked like a management call's key (http/managementAuth.ts): counted
 * per presented key, and wrong keys counted per client address and audited, so starts are no side door for guessing.
 */
export const checkAuthManagementKey: StartStep = async (ctx) => {
  const key = ctx.input.authManagementKey;
  if (key === undefined) return;
  const ip = ctx.input.ip ?? 'unknown';
  await refuseIfRateLimited(ctx.deps, 'managementFailuresPerIp', ip);
  const digest = sha256Hex(key);
  await enforceRateLimit(ctx.deps, 'managementPerKey', digest, ctx.project);
  if (!safeEqual(digest, ctx.project.managementKeyHash)) {
    await countRateLimitFailure(ctx.deps, 'managementFailuresPerIp', ip);
    await recordAudit(ctx.deps, {
      projectId: ctx.project.projectId,
      type: 'management-auth-failed',
      ...(ctx.input.ip !== undefined ? { ip: ctx.input.ip } : {}),
      ...(ctx.input.userAgent !== undefined ? { userAgent: ctx.input.userAgent } : {}),
      reason: errors.managementKeyInvalid.code,
      detail: 'wrong auth management key on a start',
    });
    throw new NotpError(errors.managementKeyInvalid, { detail: 'wrong auth management key on a start' });
  }
  ctx.trusted = true;
};

/**
 * Project setting `emailLoginIdRequiresManagementKey`: an email login id is not proven by the WhatsApp message (any
 * phone may claim a new one), so such a project lets only its backend (the auth management key) start one.
 */
export const emailNeedsManagementKey: StartStep = (ctx) => {
  if (ctx.loginIdKind === 'email' && ctx.project.settings.emailLoginIdRequiresManagementKey === true && !ctx.trusted)
    throw new NotpError(errors.authManagementKeyRequired, {
      message: 'This project accepts an email loginId only on starts that carry the auth management key',
    });
};
