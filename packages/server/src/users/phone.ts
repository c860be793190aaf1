// Phone numbers: user input → E.164, WhatsApp wa_id ↔ E.164, and the sender check that tolerates wa_id quirks.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

// Separators people type between digit groups; anything else (letters, '#', 'ext') makes the input invalid.
const SEPARATORS = /[\s\-().\u00a0/]/g;
const INTERNATIONAL = /^(?:\+|00)([0-9]{2,17})$/;

/**
 * E.164 for a phone typed in international form (`+…` or `00…`), or null.
 * Accepts *possible* numbers (right length for the country), not only *valid* ones: the seed docs use `+1 555 …`
 * numbers that libphonenumber-js calls invalid. Mexico's old mobile form `+52 1 …` becomes `+52 …`.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const m = INTERNATIONAL.exec(input.trim().replace(SEPARATORS, ''));
  if (!m?.[1]) return null;
  const digits = mexicoWithoutMobileOne(m[1]);
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}

/** Mexico dropped the mobile `1` after +52 in 2019; WhatsApp still sends it in wa_ids (`521` + 10 digits). */
function mexicoWithoutMobileOne(digits: string): string {
  return digits.length === 13 && digits.startsWith('521') ? `52${digits.slice(3)}` : digits;
}

/**
 * Brazil added a 9 in front of 8-digit mobile numbers (2012–2016); accounts created before keep 12-digit wa_ids
 * (`55` + area code + 8 digits). Mobiles are the 8-digit numbers starting 6–9; landlines (2–5) stay as they are.
 */
function brazilWithMobileNine(digits: string): string {
  if (digits.length === 12 && digits.startsWith('55') && /[6-9]/.test(digits.charAt(4))) {
    return `${digits.slice(0, 4)}9${digits.slice(4)}`;
  }
  return digits;
}

/**
 * Argentina's mobiles are `+54 9 <area> <number>` in E.164 but people (and some records) omit the 9.
 * Used for comparison only: both forms name the same subscriber.
 */
function argentinaWithoutMobileNine(digits: string): string {
  return digits.length === 13 && digits.startsWith('549') ? `54${digits.slice(3)}` : digits;
}

/** The one spelling both a typed number and a wa_id reduce to, so that variants of one number compare equal. */
function comparableDigits(digits: string): string {
  return argentinaWithoutMobileNine(brazilWithMobileNine(mexicoWithoutMobileOne(digits)));
}

/**
 * E.164 from a wa_id as WhatsApp sends it: `+` + digits, with Mexico's `521…` → `+52…` and Brazil's 12-digit mobile
 * wa_ids → the 13-digit number people type. A leading 0 that belongs to the number (Italy) is kept.
 */
export function phoneFromWaId(waId: string): string {
  const digits = waId.replace(/\D/g, '');
  return `+${brazilWithMobileNine(mexicoWithoutMobileOne(digits))}`;
}

/** The wa_id WhatsApp would report for an E.164 number (Mexico: `521` + 10 digits). Used by the simulator. */
export function waIdFromPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return digits.length === 12 && digits.startsWith('52') ? `521${digits.slice(2)}` : digits;
}

/**
 * True when the message from `senderWaId` comes from the phone `expectedE164`, allowing the wa_id variants of one
 * number (Mexico 521/52, Brazil 12/13 digits, Argentina 549/54). Anything else must match digit for digit.
 */
export function senderMatches(expectedE164: string, senderWaId: string): boolean {
  const expected = expectedE164.startsWith('+') ? expectedE164.slice(1) : expectedE164;
  if (!/^[0-9]{6,17}$/.test(expected) || !/^[0-9]{6,17}$/.test(senderWaId)) return false;
  if (expected === senderWaId) return true;
  return comparableDigits(expected) === comparableDigits(senderWaId);
}

/** Digits for a `https://wa.me/<digits>` link: no `+`, spaces or dashes. */
export function waMeDigits(e164: string): string {
  return e164.replace(/\D/g, '');
}

// Deliberately loose: one '@', no spaces, a dot in the domain. Mail servers are the real judge of an address.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** True for something shaped like an email address (≤ 254 characters). */
export function isEmail(s: string): boolean {
  return typeof s === 'string' && s.length <= 254 && EMAIL.test(s);
}
