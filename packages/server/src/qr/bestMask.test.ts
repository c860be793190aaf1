// Tests for withBestMask: over many texts it yields exactly the symbol qrcode's own mask search builds.
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { withBestMask } from './bestMask.js';
import { qrSegments } from './renderQr.js';

/** Login-like links of many lengths (versions 3–10), plus random text that exercises other masks. */
const TEXTS = [
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `https://wa.me/1650555${String(1000 + i)}?text=${encodeURIComponent(`Sign in to ${'App'.repeat(i % 12)} with code ${randomBytes(10).toString('hex').toUpperCase().slice(0, 16)}`)}`,
  ),
  ...Array.from({ length: 40 }, (_, i) => randomBytes(5 + i * 4).toString('base64')),
];

describe('withBestMask', () => {
  it.each(TEXTS.map((text) => [text]))('matches qrcode for %s', (text) => {
    const segments = qrSegments(text);
    const reference = QRCode.create(segments, { errorCorrectionLevel: 'M' });
    const fixed = QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern: 0 }).modules;
    const ours = withBestMask({ size: fixed.size, data: fixed.data, reserved: fixed.reservedBit, mask: 0 });
    expect(ours.mask).toBe(reference.maskPattern);
    expect(Buffer.from(ours.data).equals(Buffer.from(reference.modules.data))).toBe(true);
  });

  it('starts from any fixed mask, not only 0', () => {
    const segments = qrSegments(TEXTS[0] as string);
    const reference = QRCode.create(segments, { errorCorrectionLevel: 'M' });
    for (const mask of [0, 1, 2, 3, 4, 5, 6, 7] as const) {
      const fixed = QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern: mask }).modules;
      const ours = withBestMask({ size: fixed.size, data: fixed.data, reserved: fixed.reservedBit, mask });
      expect(Buffer.from(ours.data).equals(Buffer.from(reference.modules.data))).toBe(true);
    }
  });
});
