// receiveMessage: one inbound WhatsApp message → the pending login it completes (or fails), guard lines top to bottom.
import { errors, type ErrorDef, isNotpError } from '@notp/core';
import type { Deps } from '../../deps.js';
import { pendingChannel } from '../../events/ports.js';
import { safeEqual } from '../../crypto/safeEqual.js';
import { sha256Hex } from '../../crypto/sha256Hex.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { enforceRateLimit } from '../../rate-limit/enforceRateLimit.js';
import type { PendingAuthRecord, ProjectRecord, UserRecord, Verification } from '../../store/ports.js';
import { phoneFromWaId, senderMatches } from '../../users/phone.js';
import { newUserId } from '../../users/newUserId.js';
import type { InboundMessage } from '../../whatsapp/ports.js';
import { confirmButtonTitles } from '../../whatsapp/templates/confirmButtonTitles.js';
import { confirmationPromptText } from '../../whatsapp/templates/confirmationPromptText.js';
import type { ReplyKind } from '../../whatsapp/templates/locales/index.js';
import { replyText } from '../../whatsapp/templates/replyText.js';
import { confirmButtonId, newConfirmNonce, parseConfirmButtonId } from './confirmButtonId.js';
import { findCode, hashMessageCode } from './messageCode.js';

/** Provider timestamps have 1 s resolution and phones' clocks drift: tolerate this much before the login started. */
const CLOCK_SKEW_MS = 2 * 60 * 1000; // 2 min

/** What the event bus says on `pendingChannel(id)`; waiters re-read the store, so the payload is informational. */
export const PENDING_CHANGED = 'changed';

/** The outcome of resolving who the login is for. */
type Resolution =
  | {
      ok: true;
      resultUserId: string;
      firstSeen: boolean;
      createUser?: UserRecord;
      updateUser?: UserRecord;
      reply: ReplyKind;
    }
  | { ok: false; error: ErrorDef; reply: ReplyKind };

/**
 * Handles one parsed, signature-checked message. Never throws for bad or unknown messages: it replies or ignores.
 * (Store failures do propagate, so the webhook answers non-2xx and the provider redelivers.)
 * Never messages a sender whose message matched no live login (cost abuse, WHATSAPP.md).
 */
export async function receiveMessage(deps: Deps, msg: InboundMessage): Promise<void> {
  const now = deps.clock.now();
  // Code guessing: a sender gets a few tries a minute, checked before the code is even looked up. Over the limit the
  // message is recorded (a redelivery stays silent) and dropped without a reply (a reply would cost us money).
  if (!(await withinSenderLimit(deps, msg))) {
    await deps.store.webhookMessages.record(msg.messageKey, now);
    return;
  }
  // A tap on one of our confirmation buttons answers a login that is already waiting for it.
  if (msg.buttonId !== null) return receiveConfirmationAnswer(deps, msg, msg.buttonId, now);
  const code = msg.text ? findCode(msg.text) : null;
  if (!code) {
    await deps.store.webhookMessages.record(msg.messageKey, now);
    return;
  }
  const pending = await deps.store.pendingAuths.getByCodeHash(hashMessageCode(code));
  if (!pending) {
    await deps.store.webhookMessages.record(msg.messageKey, now);
    return;
  }
  const project = await deps.store.projects.get(pending.projectId);
  if (!project) {
    await deps.store.webhookMessages.record(msg.messageKey, now);
    return;
  }
  // Not live any more: tell the sender once per login (the message key makes a redelivery silent, the login's marker
  // a re-sent code).
  const expired = now >= pending.expiresAt || msg.timestamp < pending.createdAt - CLOCK_SKEW_MS;
  if (expired || (pending.status !== 'pending' && pending.status !== 'awaiting-confirmation')) {
    if (await deps.store.webhookMessages.record(msg.messageKey, now)) {
      await replyNotLiveOnce(deps, project, pending, msg, notLiveReply(pending), now);
    }
    return;
  }

  const senderPhone = msg.waId ? phoneFromWaId(msg.waId) : null;
  const sender = { senderPhone, senderWaId: msg.waId, senderBsuid: msg.bsuid };
  const fail = (error: ErrorDef, kind: ReplyKind) => failPending(deps, project, pending, msg, sender, error, kind, now);

  // Every nOTP login proves a phone number; a BSUID alone proves none (WHATSAPP.md: usernames, 2026).
  if (!msg.waId || !senderPhone) return fail(errors.phoneWithheld, 'phone-withheld');
  // A forwarded message is someone else's code relayed to this phone: the phishing relay pattern.
  if (msg.forwarded) return fail(errors.senderMismatch, 'sender-mismatch');
  if (pending.expectedPhone !== null && !senderMatches(pending.expectedPhone, msg.waId)) {
    return fail(errors.senderMismatch, 'sender-mismatch');
  }
  if (pending.status === 'awaiting-confirmation') {
    // The sender already has the buttons: a resent code changes nothing. The same code from a second phone means it
    // was relayed (a code is one person's secret): stop the login.
    if (msg.waId === pending.senderWaId) {
      await deps.store.webhookMessages.record(msg.messageKey, now);
      return;
    }
    return fail(errors.senderMismatch, 'sender-mismatch');
  }

  const resolution = await resolveUser(deps, pending, msg, senderPhone, now);
  if (!resolution.ok) return fail(resolution.error, resolution.reply);

  // Anti-phishing: ask "was this you?" (browser, time of the start) before anyone is signed in.
  if (project.settings.confirmation) {
    // Twilio sends reply buttons only through pre-registered Content API templates, which notp does not manage:
    // a prompt nobody can answer would strand every login, so Twilio mode verifies in one message and says so.
    if (deps.whatsapp.sender.name !== 'twilio') return askConfirmation(deps, project, pending, msg, sender, now);
    deps.log.warn({ projectId: project.projectId }, 'confirmation is on but twilio mode cannot send reply buttons');
  }
  return completeVerification(deps, project, pending, msg, sender, resolution, now);
}

/** The final step: verified (user created/updated in the same transaction), waiters woken, the sender told. */
async function completeVerification(
  deps: Deps,
  project: ProjectRecord,
  pending: PendingAuthRecord,
  msg: InboundMessage,
  sender: Pick<Verification, 'senderPhone' | 'senderWaId' | 'senderBsuid'>,
  resolution: Extract<Resolution, { ok: true }>,
  now: number,
): Promise<void> {
  const say = (kind: ReplyKind) => reply(deps, project, pending, msg, kind);
  const fail = (error: ErrorDef, kind: ReplyKind) => failPending(deps, project, pending, msg, sender, error, kind, now);
  const verification: Verification = {
    pendingId: pending.id,
    messageKey: msg.messageKey,
    ...sender,
    status: 'verified',
    resultUserId: resolution.resultUserId,
    firstSeen: resolution.firstSeen,
    now,
  };
  if (resolution.createUser) verification.createUser = resolution.createUser;
  if (resolution.updateUser) verification.updateUser = resolution.updateUser;

  const result = await deps.store.pendingAuths.verify(verification);
  switch (result) {
    case 'ok':
      await deps.events.publish(pendingChannel(pending.id), PENDING_CHANGED);
      say(resolution.reply);
      return;
    case 'duplicate-message':
      return;
    case 'not-pending':
      // Lost a race (another message, or expiry): re-read to say which.
      await replyNotLiveOnce(deps, project, pending, msg, notLiveReply(await currentOf(deps, pending)), now);
      return;
    case 'login-id-taken':
      // Someone took the login id (or phone) between start and now; the store wrote nothing, so fail cleanly.
      return pending.kind === 'update'
        ? fail(errors.phoneInUse, 'user-exists')
        : fail(errors.userAlreadyExists, 'user-exists');
  }
}

/**
 * Confirmation on: the login waits ('awaiting-confirmation') while WhatsApp shows the sender "Yes, it's me" / "No"
 * buttons whose ids carry a fresh nonce (stored hashed). The buttons message's id is recorded once sent: an answer
 * must reply in its context. The user is created or updated only at "Yes" (resolveUser runs again then).
 */
async function askConfirmation(
  deps: Deps,
  project: ProjectRecord,
  pending: PendingAuthRecord,
  msg: InboundMessage,
  sender: Pick<Verification, 'senderPhone' | 'senderWaId' | 'senderBsuid'>,
  now: number,
): Promise<void> {
  const nonce = newConfirmNonce(deps.random);
  const result = await deps.store.pendingAuths.verify({
    pendingId: pending.id,
    messageKey: msg.messageKey,
    ...sender,
    status: 'awaiting-confirmation',
    confirmNonceHash: sha256Hex(nonce),
    now,
  });
  if (result === 'duplicate-message') return;
  if (result !== 'ok') {
    await replyNotLiveOnce(deps, project, pending, msg, notLiveReply(await currentOf(deps, pending)), now);
    return;
  }
  if (!msg.waId) return; // unreachable: receiveMessage failed withheld phones before; keeps `to` typed
  const locale = pending.request.locale;
  const titles = confirmButtonTitles(locale);
  const text = confirmationPromptText({
    appName: project.name,
    ...(project.settings.templates === undefined ? {} : { templates: project.settings.templates }),
    ...(pending.request.userAgent === undefined ? {} : { userAgent: pending.request.userAgent }),
    startedAt: pending.createdAt,
    now,
    ...(locale === undefined ? {} : { locale }),
  });
  deps.replies.enqueue(
    {
      to: msg.waId,
      text,
      buttons: [
        { id: confirmButtonId('yes', pending.id, nonce), title: titles.yes },
        { id: confirmButtonId('no', pending.id, nonce), title: titles.no },
      ],
      replyTo: msg.messageId,
    },
    async (messageId) => {
      if (!messageId) {
        deps.log.error({ pendingId: pending.id }, 'confirmation buttons sent but the provider gave no message id');
        return;
      }
      await deps.store.pendingAuths.setConfirmMessageId(pending.id, messageId);
    },
  );
}

/**
 * A tap on "Yes, it's me" / "No, it wasn't me". Only an answer with the right nonce, from the phone that sent the
 * code, in the context of our buttons message counts; anything else is recorded and ignored without a reply.
 * "Yes" verifies (exactly as the one-message flow would have); "No" fails the login with `loginDeclined`.
 */
async function receiveConfirmationAnswer(deps: Deps, msg: InboundMessage, buttonId: string, now: number) {
  const ignore = async (why: string | null) => {
    if (why) deps.log.warn({ messageKey: msg.messageKey, why }, 'confirmation answer ignored');
    await deps.store.webhookMessages.record(msg.messageKey, now);
  };
  const answer = parseConfirmButtonId(buttonId);
  if (!answer) return ignore(null); // another quick reply (e.g. the business's own template): not a login's
  const pending = await deps.store.pendingAuths.get(answer.pendingId);
  // constant-time: the nonce is what makes the button id unguessable
  if (!pending?.confirmNonceHash || !safeEqual(sha256Hex(answer.nonce), pending.confirmNonceHash)) {
    return ignore('unknown login or wrong nonce');
  }
  if (!msg.waId || msg.waId !== pending.senderWaId) return ignore('not the phone that sent the code');
  if (!pending.confirmMessageId || msg.contextId !== pending.confirmMessageId) {
    return ignore('not a reply to our buttons message');
  }
  const project = await deps.store.projects.get(pending.projectId);
  if (!project) return ignore(null);
  const sender = {
    senderPhone: pending.senderPhone,
    senderWaId: msg.waId,
    senderBsuid: msg.bsuid ?? pending.senderBsuid,
  };

  if (pending.status !== 'awaiting-confirmation') {
    // Already decided by an earlier tap, which was answered: a repeated tap gets no second message.
    return ignore(null);
  }
  if (now >= pending.expiresAt || msg.timestamp < pending.createdAt - CLOCK_SKEW_MS) {
    // Tapped too late: one short answer per tap (a redelivery of the same tap stays silent).
    if (await deps.store.webhookMessages.record(msg.messageKey, now)) {
      await replyNotLiveOnce(deps, project, pending, msg, 'expired', now);
    }
    return;
  }
  if (answer.answer === 'no') {
    // Audit: a "No" is what a phishing attempt looks like from the victim's side.
    deps.log.warn({ pendingId: pending.id, projectId: pending.projectId }, 'nOTP login declined in WhatsApp');
    return failPending(deps, project, pending, msg, sender, errors.loginDeclined, 'declined', now);
  }
  const senderPhone = pending.senderPhone ?? phoneFromWaId(msg.waId);
  const resolution = await resolveUser(deps, pending, msg, senderPhone, now);
  if (!resolution.ok) {
    return failPending(deps, project, pending, msg, sender, resolution.error, resolution.reply, now);
  }
  return completeVerification(deps, project, pending, msg, sender, resolution, now);
}

/** False when the sender (wa_id, else BSUID) has used up its inbound limit; server-wide, as no project is known yet. */
async function withinSenderLimit(deps: Deps, msg: InboundMessage): Promise<boolean> {
  const sender = msg.waId ?? msg.bsuid;
  if (!sender) return true;
  try {
    await enforceRateLimit(deps, 'inboundPerSender', sender);
    return true;
  } catch (e) {
    if (!isNotpError(e) || e.code !== errors.rateLimited.code) throw e;
    deps.log.warn({ messageKey: msg.messageKey }, 'inbound message over the per-sender rate limit: dropped');
    return false;
  }
}

/** Marks the pending login failed (terminal: the waiting app learns at once) and tells the sender why. */
async function failPending(
  deps: Deps,
  project: ProjectRecord,
  pending: PendingAuthRecord,
  msg: InboundMessage,
  sender: Pick<Verification, 'senderPhone' | 'senderWaId' | 'senderBsuid'>,
  error: ErrorDef,
  kind: ReplyKind,
  now: number,
): Promise<void> {
  const result = await deps.store.pendingAuths.verify({
    pendingId: pending.id,
    messageKey: msg.messageKey,
    ...sender,
    status: 'failed',
    failureCode: error.code,
    now,
  });
  if (result === 'ok') {
    deps.log.info({ pendingId: pending.id, code: error.code }, 'nOTP login failed at the message');
    // The client fields are the start's (the browser that asked); the sender's number is not a secret but stays out.
    await recordAudit(deps, {
      projectId: pending.projectId,
      type: 'login-failed',
      userId: pending.userId,
      ...(pending.request.ip !== undefined ? { ip: pending.request.ip } : {}),
      ...(pending.request.userAgent !== undefined ? { userAgent: pending.request.userAgent } : {}),
      reason: error.code,
      detail: pending.kind,
    });
    await deps.events.publish(pendingChannel(pending.id), PENDING_CHANGED);
    reply(deps, project, pending, msg, kind);
  } else if (result === 'not-pending') {
    await replyNotLiveOnce(deps, project, pending, msg, notLiveReply(await currentOf(deps, pending)), now);
  }
}

/** The pending login as stored now (after a lost race), or as we last read it if it vanished. */
async function currentOf(deps: Deps, pending: PendingAuthRecord): Promise<PendingAuthRecord> {
  return (await deps.store.pendingAuths.get(pending.id)) ?? pending;
}

/**
 * The one "no longer live" answer ('already-used' or 'expired') a login ever gets: a used code re-sent 20 times, each a
 * new message, is answered once (a marker keyed by the login in the message-dedupe store, so every instance agrees).
 * Each message costs us money and is a way to spam a number; the sender learned the answer the first time.
 */
async function replyNotLiveOnce(
  deps: Deps,
  project: ProjectRecord,
  pending: PendingAuthRecord,
  msg: InboundMessage,
  kind: ReplyKind,
  now: number,
): Promise<void> {
  if (await deps.store.webhookMessages.record(`notp:not-live-reply:${pending.id}`, now)) {
    reply(deps, project, pending, msg, kind);
  }
}

/** 'already-used' once the login completed, otherwise 'expired' (timed out or failed: start again). */
function notLiveReply(pending: PendingAuthRecord): ReplyKind {
  return pending.status === 'verified' || pending.status === 'consumed' ? 'already-used' : 'expired';
}

/** Who the login is for, per variant; a failure names the terminal error and the reply. */
async function resolveUser(
  deps: Deps,
  pending: PendingAuthRecord,
  msg: InboundMessage,
  senderPhone: string,
  now: number,
): Promise<Resolution> {
  const users = deps.store.users;
  const req = pending.request;
  const loginId = req.loginIdKind === 'empty' ? senderPhone : req.loginId;

  const existing = pending.userId
    ? await users.get(pending.projectId, pending.userId)
    : pending.kind === 'signup'
      ? null
      : await users.getByLoginId(pending.projectId, loginId);

  if (pending.kind === 'signup' || (pending.kind === 'signup-in' && !existing)) {
    // A login id taken since the start is caught atomically by verify() ('login-id-taken').
    const user = newUser(deps, pending, loginId, msg, senderPhone, now);
    return { ok: true, resultUserId: user.userId, firstSeen: true, createUser: user, reply: 'signed-up' };
  }

  if (!existing) return { ok: false, error: errors.userNotFound, reply: 'user-not-found' };
  if (existing.status === 'disabled') return { ok: false, error: errors.userDisabled, reply: 'user-disabled' };

  if (pending.kind === 'update') {
    const updated: UserRecord = {
      ...existing,
      phone: senderPhone,
      verifiedPhone: true,
      waId: msg.waId ?? undefined,
      updatedAt: now,
    };
    if (msg.bsuid) updated.waBsuid = msg.bsuid;
    if (req.addToLoginIds && !updated.loginIds.includes(senderPhone))
      updated.loginIds = [...existing.loginIds, senderPhone];
    return { ok: true, resultUserId: existing.userId, firstSeen: false, updateUser: updated, reply: 'phone-updated' };
  }

  // signin / signup-in of an existing user. A user found only now (signup-in raced a sign-up, or an empty loginId)
  // had no expected phone at start: the sender must be their verified phone, or the login id itself.
  if (pending.expectedPhone === null && req.loginIdKind !== 'empty') {
    if (!existing.verifiedPhone || !existing.phone || !senderMatches(existing.phone, msg.waId ?? '')) {
      return { ok: false, error: errors.senderMismatch, reply: 'sender-mismatch' };
    }
  }
  // Keep the WhatsApp identifiers fresh (replies go to the wa_id as received; the BSUID survives number changes).
  if (existing.waId !== msg.waId || (msg.bsuid && existing.waBsuid !== msg.bsuid)) {
    const refreshed: UserRecord = { ...existing, waId: msg.waId ?? undefined, updatedAt: now };
    if (msg.bsuid) refreshed.waBsuid = msg.bsuid;
    return { ok: true, resultUserId: existing.userId, firstSeen: false, updateUser: refreshed, reply: 'signed-in' };
  }
  return { ok: true, resultUserId: existing.userId, firstSeen: false, reply: 'signed-in' };
}

/** The user a sign-up creates: the sender's phone is verified by the message itself. */
function newUser(
  deps: Deps,
  pending: PendingAuthRecord,
  loginId: string,
  msg: InboundMessage,
  senderPhone: string,
  now: number,
): UserRecord {
  const fields = pending.request.user ?? {};
  const user: UserRecord = {
    projectId: pending.projectId,
    userId: newUserId(deps.random),
    loginIds: [loginId],
    phone: senderPhone,
    verifiedPhone: true,
    verifiedEmail: false,
    roleNames: [],
    userTenants: [],
    status: 'enabled',
    customAttributes: {},
    test: false,
    createdAt: now,
    updatedAt: now,
  };
  if (msg.waId) user.waId = msg.waId;
  if (msg.bsuid) user.waBsuid = msg.bsuid;
  for (const key of ['name', 'givenName', 'middleName', 'familyName'] as const) {
    const v = fields[key];
    if (v !== undefined) user[key] = v;
  }
  const email = fields.email ?? (pending.request.loginIdKind === 'email' ? pending.request.loginId : undefined);
  if (email !== undefined) user.email = email;
  return user;
}

/** Queues the reply to the sender's wa_id exactly as received; never on this call's path (ReplyQueue sends later). */
function reply(
  deps: Deps,
  project: ProjectRecord,
  pending: PendingAuthRecord,
  msg: InboundMessage,
  kind: ReplyKind,
): void {
  // A withheld number leaves no wa_id to write to (OutboundMessage addresses wa_ids only).
  if (!msg.waId) return;
  const text = replyText(kind, { appName: project.name }, pending.request.locale, project.settings.templates);
  deps.replies.enqueue({ to: msg.waId, text, replyTo: msg.messageId });
}
