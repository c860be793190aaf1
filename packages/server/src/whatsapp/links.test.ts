// Tests for redirectUrlFor: wa.me digits-only links and the simulator chat page, text round-trips.
import { describe, expect, it } from 'vitest';
import { redirectUrlFor } from './links.js';

const text = 'Log in to Acme & Co (acme.com) code K7Q2-M9XD-4HPZ-8WBN';

describe('redirectUrlFor', () => {
  it.each([
    ['cloud-api', '+1 650-555-0100', 'https://wa.me/16505550100?text='],
    ['twilio', '+390612345678', 'https://wa.me/390612345678?text='],
    ['simulator', '+16505550100', 'http://localhost:4000/simulator/chat?text='],
  ] as const)('%s → %s…', (provider, whatsappNumber, prefix) => {
    const url = redirectUrlFor({ provider, whatsappNumber, publicUrl: 'http://localhost:4000' }, text);
    expect(url.startsWith(prefix)).toBe(true);
    expect(new URL(url).searchParams.get('text')).toBe(text);
    expect(url).not.toContain(' ');
  });
});
