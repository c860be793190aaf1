// Tests for phone normalisation and WhatsApp wa_id quirks (table-driven).
import { describe, expect, it } from 'vitest';
import { isEmail, normalizePhone, phoneFromWaId, senderMatches, waIdFromPhone, waMeDigits } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['+1 650 555 1234', '+16505551234'],
    ['+16505551234', '+16505551234'],
    ['+1 (650) 555-1234', '+16505551234'],
    ['0016505551234', '+16505551234'],
    ['  +1.650.555.1234 ', '+16505551234'],
    ['+1 555 123 4567', '+15551234567'], // possible but not valid: the seed docs' numbers must pass
    ['+52 55 1234 5678', '+525512345678'],
    ['+52 1 55 1234 5678', '+525512345678'], // Mexico's old mobile form
    ['+54 9 11 1234 5678', '+5491112345678'],
    ['+39 06 1234 5678', '+390612345678'], // Italy keeps its leading 0
    ['+55 11 98765 4321', '+5511987654321'],
    ['+55 11 8765 4321', '+551187654321'], // as typed: no guessing the 9th digit
    ['+91 98765 43210', '+919876543210'],
  ])('%s → %s', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it.each([
    ['16505551234'], // no + or 00: the country is unknown
    ['6505551234'],
    ['+1 555 0100'], // too short
    ['+12'],
    ['+9999999'],
    ['+1 650 555 1234 ext 5'],
    ['+1650555123a'],
    [''],
    ['+'],
    ['joe@example.com'],
    [`+1${'2'.repeat(60)}`],
  ])('rejects %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('phoneFromWaId', () => {
  it.each([
    ['16505551234', '+16505551234'], // US
    ['5215512345678', '+525512345678'], // Mexico mobile: WhatsApp's 521 form
    ['525512345678', '+525512345678'],
    ['551187654321', '+5511987654321'], // Brazil pre-2016 12-digit mobile → 13 digits
    ['551132654321', '+551132654321'], // Brazil landline stays 12 digits
    ['5511987654321', '+5511987654321'],
    ['5491112345678', '+5491112345678'], // Argentina mobile keeps its 9
    ['390612345678', '+390612345678'], // Italy: the 0 is part of the number
  ])('%s → %s', (waId, e164) => {
    expect(phoneFromWaId(waId)).toBe(e164);
  });
});

describe('waIdFromPhone', () => {
  it.each([
    ['+16505551234', '16505551234'],
    ['+525512345678', '5215512345678'],
    ['+5511987654321', '5511987654321'],
    ['+390612345678', '390612345678'],
  ])('%s → %s', (e164, waId) => {
    expect(waIdFromPhone(e164)).toBe(waId);
  });
});

describe('senderMatches', () => {
  it.each([
    ['+16505551234', '16505551234', true],
    ['+16505551234', '16505551235', false],
    ['+525512345678', '5215512345678', true], // Mexico 521 vs 52
    ['+525512345678', '525512345678', true],
    ['+525512345679', '5215512345678', false],
    ['+5511987654321', '551187654321', true], // Brazil 13 vs 12
    ['+551187654321', '5511987654321', true],
    ['+5511987654321', '551187654322', false],
    ['+551132654321', '5511932654321', false], // a landline never gains a 9
    ['+5491112345678', '5491112345678', true], // Argentina 549 vs 54
    ['+541112345678', '5491112345678', true],
    ['+5491112345678', '541112345679', false],
    ['+390612345678', '390612345678', true], // Italy leading 0 kept
    ['+390612345678', '39612345678', false],
    ['+16505551234', '', false],
    ['+16505551234', 'US.13491208655302741918', false], // a BSUID is not a phone
    ['', '16505551234', false],
  ])('%s vs wa_id %s → %s', (expected, waId, match) => {
    expect(senderMatches(expected, waId)).toBe(match);
  });
});

describe('waMeDigits', () => {
  it('keeps digits only', () => {
    expect(waMeDigits('+16505550100')).toBe('16505550100');
    expect(waMeDigits('+1 650-555-0100')).toBe('16505550100');
  });
});

describe('isEmail', () => {
  it.each([
    ['joe@example.com', true],
    ['Joe.Person+tag@sub.example.co.uk', true],
    ['joe@localhost', false],
    ['joe example@example.com', false],
    ['@example.com', false],
    ['joe@', false],
    ['+16505551234', false],
    [`${'a'.repeat(250)}@example.com`, false],
  ])('%s → %s', (s, ok) => {
    expect(isEmail(s)).toBe(ok);
  });
});
