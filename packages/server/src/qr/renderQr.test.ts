// Tests for renderQr: the PNG decodes back to exactly the QR matrix and scans back to the text; the SVG is one path.
import { inflateSync } from 'node:zlib';
import jsqr from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { crc32, qrMatrix, renderQr } from './renderQr.js';

/** A text whose PNG's compressed image is over 1 KB, so the deflate writes it in more than one piece. */
const OVER_ONE_PIECE = Array.from({ length: 700 }, (_, i) => ((i * 7919) % 36).toString(36)).join('');
const LINK = `https://wa.me/16505550100?text=${encodeURIComponent('Log in to Acme (acme.com) code K7Q2M9XD4HPZ8WBN')}`;

interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** 1 = white, 0 = black, row-major. */
  pixels: number[][];
  /** The compressed image data, in bytes. */
  idatBytes: number;
}

/** Minimal PNG reader for our encoding: checks signature and CRCs, inflates IDAT, unpacks 1-bit rows. */
function decodePng(base64: string): DecodedPng {
  const png = Buffer.from(base64, 'base64');
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  const idat: Buffer[] = [];
  let ihdr: Buffer | undefined;
  const types: string[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    types.push(type);
    if (type === 'IHDR') ihdr = body;
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
  if (!ihdr) throw new Error('no IHDR');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = Math.ceil(width / 8) + 1;
  expect(raw.length).toBe(stride * height);
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * stride]).toBe(0);
    const row: number[] = [];
    for (let x = 0; x < width; x++) row.push(((raw[y * stride + 1 + (x >> 3)] as number) >> (7 - (x & 7))) & 1);
    pixels.push(row);
  }
  const idatBytes = idat.reduce((sum, body) => sum + body.length, 0);
  return { width, height, bitDepth: ihdr[8] as number, colourType: ihdr[9] as number, pixels, idatBytes };
}

describe('crc32', () => {
  it.each([
    ['', 0],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('crc32(%j) = %i', (input, expected) => {
    expect(crc32(Buffer.from(input))).toBe(expected);
  });
});

describe('renderQr png', () => {
  it.each([
    { name: 'short', text: 'short' },
    { name: 'a login link', text: LINK },
    { name: 'x repeated 300 times', text: 'x'.repeat(300) },
    { name: 'an image over one 1 KB deflate output piece', text: OVER_ONE_PIECE },
  ])('decodes back to the QR matrix for $name', ({ text }) => {
    const modules = qrMatrix(text);
    const base64 = renderQr(text, 'png');
    expect(base64).toMatch(/^[A-Za-z0-9+/]+=*$/); // base64, no data: prefix
    const png = decodePng(base64);
    const scale = png.width / (modules.size + 8);
    expect(Number.isInteger(scale) && scale >= 3).toBe(true);
    expect([png.width, png.bitDepth, png.colourType]).toEqual([png.height, 1, 0]);
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const row = Math.floor(y / scale) - 4;
        const col = Math.floor(x / scale) - 4;
        const inSymbol = row >= 0 && row < modules.size && col >= 0 && col < modules.size;
        const dark = inSymbol && modules.data[row * modules.size + col] === 1;
        if (png.pixels[y]?.[x] !== (dark ? 0 : 1)) throw new Error(`pixel ${x},${y} wrong`);
      }
    }
  });

  it('has a case whose compressed image needs more than one 1 KB deflate output piece', () => {
    expect(decodePng(renderQr(OVER_ONE_PIECE, 'png')).idatBytes).toBeGreaterThan(1024);
  });

  it('stays small: every login link fits a PNG of at most 1 KB (the image travels base64 in every start answer)', () => {
    for (const link of LOGIN_LINKS) {
      const png = Buffer.from(renderQr(link, 'png'), 'base64');
      expect(png.length).toBeLessThanOrEqual(1024);
    }
  });

  it('is version 6 or smaller for a typical login link (a small, quickly scanned code)', () => {
    expect(LINK.length).toBeLessThanOrEqual(120);
    expect(QRCode.create(LINK, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(6);
  });
});

/** Login links as the start route makes them: wa.me and simulator links, several app names and locales. */
const LOGIN_LINKS = [
  LINK,
  `https://wa.me/5511987654321?text=${encodeURIComponent('Entrar em Padaria São João com o código 0123-4567-89AB-CDEF')}`,
  `https://wa.me/15551234567?text=${encodeURIComponent('Sign in to notp dev with code ZZZZ-9999-AAAA-0000')}`,
  `http://127.0.0.1:43121/simulator/chat?text=${encodeURIComponent('Sign in to notp dev with code 7K3M-Q9XD-4HPZ-8WBN')}`,
];

describe('qrMatrix (one byte-mode segment)', () => {
  it.each(LOGIN_LINKS)('is no larger than the optimally segmented code for %s', (link) => {
    const version = (qrMatrix(link).size - 17) / 4;
    expect(version).toBeLessThanOrEqual(QRCode.create(link, { errorCorrectionLevel: 'M' }).version);
  });

  it.each(LOGIN_LINKS)('scans back to the exact link from the PNG: %s', (link) => {
    const png = decodePng(renderQr(link, 'png'));
    const rgba = new Uint8ClampedArray(png.width * png.height * 4);
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const at = (y * png.width + x) * 4;
        rgba.fill(png.pixels[y]?.[x] ? 255 : 0, at, at + 4);
      }
    }
    // jsqr is CommonJS with `exports.default`; under NodeNext the default import is its exports object.
    expect(jsqr.default(rgba, png.width, png.height)?.data).toBe(link);
  });
});

describe('renderQr svg', () => {
  it('draws exactly the dark modules in one path, offset by the quiet zone', () => {
    const modules = qrMatrix(LINK);
    const svg = renderQr(LINK, 'svg');
    const full = modules.size + 8;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`viewBox="0 0 ${full} ${full}"`);
    expect(svg.match(/<path/g)).toHaveLength(1);
    const d = /<path[^>]* d="([^"]+)"/.exec(svg)?.[1] ?? '';
    const drawn = new Set<string>();
    for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let i = 0; i < Number(w); i++) drawn.add(`${Number(y) - 4},${Number(x) - 4 + i}`);
    }
    const expected = new Set<string>();
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; c++) if (modules.data[r * modules.size + c] === 1) expected.add(`${r},${c}`);
    }
    expect(drawn).toEqual(expected);
  });

  it('renders in well under a few milliseconds per code (the start hot path)', () => {
    const n = 200;
    for (const format of ['png', 'svg'] as const) {
      const started = performance.now();
      for (let i = 0; i < n; i++) renderQr(`${LINK}${i}`, format);
      const perQr = (performance.now() - started) / n;
      console.info(`renderQr ${format}: ${perQr.toFixed(3)} ms per QR`);
      expect(perQr).toBeLessThan(20); // generous: shared CI cores; typical is < 1 ms
    }
  });
});
