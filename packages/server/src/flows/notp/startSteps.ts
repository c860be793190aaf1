// The one step table of the four nOTP start variants (signup, signin, signup-in, update), like oidc-provider's grant steps.
import { errors, NotpError } from '@notp/core';
import type { Deps } from '../../deps.js';
import type { PendingKind, PendingRequest, ProjectRecord, UserRecord } from '../../store/ports.js';
import { enforceRateLimit } from '../../rate-limit/enforceRateLimit.js';
import { isEmail, normalizePhone } from '../../users/phone.js';
import { authenticateRefresh } from '../sessions/authenticateRefresh.js';
import { checkAuthManagementKey, emailNeedsManagementKey } from './authManagementKeySteps.js';
import { checkCustomClaims } from './customClaims.js';
import type { StartContext, StartInput, StartStep } from './startContext.js';

const MAX_LOGIN_ID = 320;
const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;

const invalid = (message: string) => new NotpError(errors.invalidArguments, { message });

/** Phone → E.164, email → lower case, '' → empty, anything else (a username) → other. */
export const normaliseLoginId: StartStep = (ctx) => {
  const raw = ctx.input.loginId.trim();
  if (raw.length > MAX_LOGIN_ID) throw invalid('loginId is too long');
  if (raw === '') {
    ctx.loginId = '';
    ctx.loginIdKind = 'empty';
    return;
  }
  const phone = normalizePhone(raw);
  if (phone) {
    ctx.loginId = phone;
    ctx.loginIdKind = 'phone';
    return;
  }
  // Looks like an international number but is not a possible one: say so rather than treat it as a username.
  if (/^(?:\+|00)[\d\s\-().]+$/.test(raw))
    throw invalid('loginId is not a possible phone number (use E.164, e.g. +16505551234)');
  if (isEmail(raw)) {
    ctx.loginId = raw.toLowerCase();
    ctx.loginIdKind = 'email';
    return;
  }
  ctx.loginId = raw;
  ctx.loginIdKind = 'other';
};

/**
 * Start limits (cost abuse, enumeration): per client IP, and per normalised login id so that spelling a phone five
 * ways buys no extra tries. Runs before any user lookup, so the 404 of an unknown sign-in id is rate-limited too.
 */
export const limitStarts: StartStep = async (ctx) => {
  await enforceRateLimit(ctx.deps, 'startPerIp', ctx.input.ip ?? 'unknown', ctx.project);
  if (ctx.loginIdKind !== 'empty') await enforceRateLimit(ctx.deps, 'startPerLoginId', ctx.loginId, ctx.project);
};

/** Option values the schema cannot judge: custom claims' limits and reserved names, locale shape. */
export const checkOptions: StartStep = (ctx) => {
  const o = ctx.input.options ?? {};
  if (o.customClaims !== undefined) checkCustomClaims(o.customClaims, ctx.trusted);
  if (o.locale !== undefined && !LOCALE.test(o.locale))
    throw invalid('locale must be a BCP 47 tag such as "en" or "pt-BR"');
};

/** Sign-up `user` fields: phone → E.164 (and equal to a phone loginId), email → lower case. */
export const checkSignUpUser: StartStep = (ctx) => {
  const u = ctx.input.user;
  if (!u) return;
  const user: NonNullable<PendingRequest['user']> = {};
  for (const key of ['name', 'givenName', 'middleName', 'familyName'] as const) {
    const v = u[key];
    if (v !== undefined && v !== '') user[key] = v;
  }
  if (u.email !== undefined && u.email !== '') {
    if (!isEmail(u.email.trim())) throw invalid('user.email is not an email address');
    user.email = u.email.trim().toLowerCase();
  }
  if (u.phone !== undefined && u.phone !== '') {
    const phone = normalizePhone(u.phone);
    if (!phone) throw invalid('user.phone is not a possible phone number (use E.164, e.g. +16505551234)');
    if (ctx.loginIdKind === 'phone' && phone !== ctx.loginId)
      throw invalid('user.phone differs from the phone loginId');
    user.phone = phone;
  }
  ctx.user = user;
};

/** update: the optional new phone → E.164. */
export const checkNewPhone: StartStep = (ctx) => {
  const p = ctx.input.phone;
  if (p === undefined || p === '') return;
  const phone = normalizePhone(p);
  if (!phone) throw invalid('phone is not a possible phone number (use E.164, e.g. +16505551234)');
  ctx.newPhone = phone;
};

/** update always, sign-in only for step-up/MFA; every other start ignores the bearer's token (CONTRACT.md §1). */
export function needsRefreshToken(kind: PendingKind, options: StartInput['options']): boolean {
  return kind === 'update' || (kind === 'signin' && (options?.stepup === true || options?.mfa === true));
}

/** A live refresh session, where the variant needs one. */
export const requireRefreshToken: StartStep = async (ctx) => {
  if (!needsRefreshToken(ctx.input.kind, ctx.input.options)) return;
  if (!ctx.input.refreshJwt) throw new NotpError(errors.refreshTokenRequired);
  const { session, user } = await authenticateRefresh(ctx.deps, ctx.project, ctx.input.refreshJwt);
  ctx.parent = { session, user };
  ctx.existingUser = user;
};

/** Loads the user named by the loginId, if any (a step-up/update user comes from the token instead). */
export const loadUser: StartStep = async (ctx) => {
  if (ctx.parent) {
    // The loginId, when given, must name the token's own user: no stepping up into someone else's account.
    if (ctx.loginIdKind !== 'empty' && !ctx.parent.user.loginIds.includes(ctx.loginId)) {
      throw new NotpError(errors.loginIdNotOwned);
    }
    return;
  }
  if (ctx.loginIdKind === 'empty') return;
  ctx.existingUser = await ctx.deps.store.users.getByLoginId(ctx.project.projectId, ctx.loginId);
};

/** sign-in with a loginId: the user must exist. */
export const userMustExist: StartStep = (ctx) => {
  if (ctx.loginIdKind !== 'empty' && !ctx.existingUser) throw new NotpError(errors.userNotFound);
};

/** sign-up: the loginId must be free. */
export const userMustNotExist: StartStep = (ctx) => {
  if (ctx.existingUser) throw new NotpError(errors.userAlreadyExists);
};

export const userMustBeEnabled: StartStep = (ctx) => {
  if (ctx.existingUser && ctx.existingUser.status === 'disabled') throw new NotpError(errors.userDisabled);
};

/** The user's verified phone, or a clear error: without one nobody can prove to be them over WhatsApp. */
function verifiedPhoneOf(user: UserRecord): string {
  if (user.verifiedPhone && user.phone) return user.phone;
  throw new NotpError(errors.invalidRequest, {
    message: 'This user has no verified phone number, so they cannot sign in with WhatsApp',
  });
}

/** Who must send the WhatsApp message (CONTRACT.md §3). */
export const decideExpectedPhone: StartStep = (ctx) => {
  const { kind } = ctx.input;
  if (kind === 'update') {
    // The sender becomes the new verified phone; a named phone must be that sender.
    ctx.expectedPhone = ctx.newPhone ?? null;
    return;
  }
  if (ctx.loginIdKind === 'phone') {
    ctx.expectedPhone = ctx.loginId;
    return;
  }
  if (kind === 'signup') {
    ctx.expectedPhone = ctx.user?.phone ?? null;
    return;
  }
  // signin / signup-in of a known user by email or username (or a step-up): only their verified phone proves them.
  if (ctx.existingUser) {
    ctx.expectedPhone = verifiedPhoneOf(ctx.existingUser);
    return;
  }
  // Empty loginId (the sender becomes the login id) or a new user on signup-in: any sender.
  ctx.expectedPhone = null;
};

/** The table: which guard lines each variant runs, top to bottom. */
export const startSteps: Readonly<Record<PendingKind, readonly StartStep[]>> = Object.freeze({
  signup: [
    normaliseLoginId,
    limitStarts,
    checkAuthManagementKey,
    emailNeedsManagementKey,
    checkOptions,
    checkSignUpUser,
    loadUser,
    userMustNotExist,
    decideExpectedPhone,
  ],
  signin: [
    normaliseLoginId,
    limitStarts,
    checkAuthManagementKey,
    emailNeedsManagementKey,
    checkOptions,
    requireRefreshToken,
    loadUser,
    userMustExist,
    userMustBeEnabled,
    decideExpectedPhone,
  ],
  'signup-in': [
    normaliseLoginId,
    limitStarts,
    checkAuthManagementKey,
    emailNeedsManagementKey,
    checkOptions,
    loadUser,
    userMustBeEnabled,
    decideExpectedPhone,
  ],
  // update: the loginId must already be the token's user's own (loadUser), so an email one claims nothing new.
  update: [
    normaliseLoginId,
    limitStarts,
    checkAuthManagementKey,
    checkOptions,
    checkNewPhone,
    requireRefreshToken,
    loadUser,
    userMustBeEnabled,
    decideExpectedPhone,
  ],
});

/** Runs the variant's steps over a fresh context; throws the first step's NotpError. */
export async function runStartSteps(deps: Deps, project: ProjectRecord, input: StartInput): Promise<StartContext> {
  const ctx: StartContext = {
    deps,
    project,
    input,
    loginId: '',
    loginIdKind: 'empty',
    user: undefined,
    newPhone: undefined,
    existingUser: null,
    parent: null,
    expectedPhone: null,
    trusted: false,
  };
  for (const step of startSteps[input.kind]) {
    const pending = step(ctx);
    if (pending) await pending; // most steps are synchronous: no microtask hop for them
  }
  return ctx;
}
