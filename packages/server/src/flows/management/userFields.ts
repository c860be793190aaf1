// Management user input → normalised user fields: login ids (phones to E.164, emails lower-cased), phone, names.
import { errors, NotpError, type MgmtUserRequest } from '@notp/core';
import type { UserRecord } from '../../store/ports.js';
import { isEmail, normalizePhone } from '../../users/phone.js';

/** A login id as stored: a phone (leading + or 00) in E.164, an email lower-cased, anything else trimmed. */
export function normalizeLoginId(raw: string): string {
  const loginId = raw.trim();
  if (loginId === '') throw new NotpError(errors.missingArguments, { message: 'loginId is required' });
  if (/^(\+|00)/.test(loginId)) {
    const phone = normalizePhone(loginId);
    if (!phone) throw new NotpError(errors.invalidArguments, { message: 'loginId is not a possible phone number' });
    return phone;
  }
  return isEmail(loginId) ? loginId.toLowerCase() : loginId;
}

/** A phone field in E.164; `''` clears it. */
export function normalizePhoneField(raw: string): string | undefined {
  if (raw.trim() === '') return undefined;
  const phone = normalizePhone(raw);
  if (!phone) throw new NotpError(errors.invalidArguments, { message: 'phone is not a possible phone number' });
  return phone;
}

function normalizeEmailField(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  if (email === '') return undefined;
  if (!isEmail(email)) throw new NotpError(errors.invalidArguments, { message: 'email is not a valid email address' });
  return email;
}

/** The mutable fields of a user present in `input` (absent fields are left out, so a patch can skip them). */
export function userFieldsOf(input: Partial<MgmtUserRequest>): Partial<UserRecord> {
  const fields: Partial<UserRecord> = {};
  if (input.email !== undefined) fields.email = normalizeEmailField(input.email);
  if (input.phone !== undefined) fields.phone = normalizePhoneField(input.phone);
  const name = input.name ?? input.displayName;
  if (name !== undefined) fields.name = name || undefined;
  if (input.givenName !== undefined) fields.givenName = input.givenName || undefined;
  if (input.middleName !== undefined) fields.middleName = input.middleName || undefined;
  if (input.familyName !== undefined) fields.familyName = input.familyName || undefined;
  if (input.picture !== undefined) fields.picture = input.picture || undefined;
  if (input.roleNames !== undefined) fields.roleNames = [...new Set(input.roleNames)];
  if (input.userTenants !== undefined) {
    fields.userTenants = input.userTenants.map((t) => ({ tenantId: t.tenantId, roleNames: t.roleNames ?? [] }));
  }
  if (input.customAttributes !== undefined) fields.customAttributes = { ...input.customAttributes };
  if (input.verifiedEmail !== undefined) fields.verifiedEmail = input.verifiedEmail;
  if (input.verifiedPhone !== undefined) fields.verifiedPhone = input.verifiedPhone;
  if (input.status !== undefined) fields.status = input.status;
  return fields;
}

/** Drops the WhatsApp identity when the phone it belongs to changes (it proved the old number, not the new one). */
export function withPhoneChange(user: UserRecord, next: Partial<UserRecord>): Partial<UserRecord> {
  if (!('phone' in next) || next.phone === user.phone) return next;
  return { ...next, waId: undefined, waBsuid: undefined, verifiedPhone: next.verifiedPhone ?? false };
}
