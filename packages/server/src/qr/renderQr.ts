// QR codes for start answers: the text → a 1-bit PNG (base64, no data: prefix) or a one-path SVG document.
import { deflateSync } from 'node:zlib';
import QRCode, { type QRCodeSegment } from 'qrcode';
import { withBestMask } from './bestMask.js';

/** Light modules around the symbol, as the QR spec requires for reliable scanning. */
const QUIET_ZONE = 4; // modules
/** PNG pixels per module: a version-6 code (the usual login link) is (41 + 8) × 5 = 245 px square. */
const PNG_SCALE = 5; // px

/**
 * Shortest runs worth their own segment inside byte-mode text (ISO/IEC 18004 Annex J, versions 1–9: switching costs
 * a mode indicator and a character count, so shorter runs are cheaper left in byte mode).
 */
const MIN_NUMERIC_RUN = 6; // digits, e.g. the business number in a wa.me link
const MIN_ALPHANUMERIC_RUN = 11; // characters of 0-9 A-Z space $%*+-./: — e.g. the upper-case login code
const NUMERIC_RUNS = new RegExp(`[0-9]{${MIN_NUMERIC_RUN},}`, 'g');
const ALPHANUMERIC_RUNS = new RegExp(`[0-9A-Z $%*+\\-./:]{${MIN_ALPHANUMERIC_RUN},}`, 'g');

/** Splits `text` into `runs` (of `mode`) and the gaps between them (handed to `gap`). */
function splitRuns(
  text: string,
  runs: RegExp,
  mode: 'numeric' | 'alphanumeric',
  gap: (part: string) => QRCodeSegment[],
): QRCodeSegment[] {
  const segments: QRCodeSegment[] = [];
  let at = 0;
  for (const m of text.matchAll(runs)) {
    const index = m.index ?? 0;
    if (index > at) segments.push(...gap(text.slice(at, index)));
    segments.push({ data: m[0], mode });
    at = index + m[0].length;
  }
  if (at < text.length) segments.push(...gap(text.slice(at)));
  return segments;
}

/**
 * Segments in two linear passes: long digit runs numeric, then long upper-case runs alphanumeric, the rest byte.
 * qrcode's own segmentation (pass a string) finds the optimum with a shortest-path search that costs as much as the
 * rest of the matrix; for our links (URL-encoded ASCII: a phone number, words, an upper-case code) this greedy split
 * gives the same version, which the tests check.
 */
export function qrSegments(text: string): QRCodeSegment[] {
  // Bytes as UTF-8, exactly what qrcode does with a string.
  const bytes = (part: string): QRCodeSegment[] => [{ data: Buffer.from(part, 'utf8'), mode: 'byte' }];
  return splitRuns(text, NUMERIC_RUNS, 'numeric', (part) => splitRuns(part, ALPHANUMERIC_RUNS, 'alphanumeric', bytes));
}

/**
 * The QR matrix of `text` at error correction M, under the mask with the lowest penalty (it keeps the symbol easy to
 * scan). qrcode builds the symbol with mask 0; withBestMask then runs the spec's mask search over flat arrays, which
 * picks exactly qrcode's mask at a fraction of the cost of its own search (the tests compare both).
 */
export function qrMatrix(text: string): { size: number; data: Uint8Array } {
  const { modules } = QRCode.create(qrSegments(text), { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { data } = withBestMask({ size: modules.size, data: modules.data, reserved: modules.reservedBit, mask: 0 });
  return { size: modules.size, data };
}

/**
 * Measured on the shared dev container (Node 20, CPU time, warm) for a 94-character wa.me login link (version 6):
 * matrix ≈ 0.4 ms (the mask search is most of it); PNG ≈ +0.1 ms, ≈ 580 bytes; SVG ≈ +0.05 ms, ≈ 5 KB.
 */
export function renderQr(text: string, format: 'png' | 'svg'): string {
  const { size, data } = qrMatrix(text);
  return format === 'svg' ? svgOf(size, data) : pngOf(size, data).toString('base64');
}

/** One `<path>` of horizontal runs of dark modules (far fewer path commands than one square per module). */
function svgOf(size: number, data: Uint8Array): string {
  const full = size + 2 * QUIET_ZONE;
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    const base = row * size;
    let col = 0;
    while (col < size) {
      if (data[base + col] !== 1) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && data[base + col] === 1) col++;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`);
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges">` +
    `<rect width="${full}" height="${full}" fill="#fff"/>` +
    `<path fill="#000" d="${parts.join('')}"/></svg>`
  );
}

/**
 * PNG, greyscale at bit depth 1 (1 = white): the smallest faithful encoding of a black-and-white matrix. Each module
 * row is packed into a pixel line once and copied PNG_SCALE times (the start path renders one per login).
 */
function pngOf(size: number, data: Uint8Array): Buffer {
  const px = (size + 2 * QUIET_ZONE) * PNG_SCALE;
  const stride = Math.ceil(px / 8) + 1; // filter-type byte (0 = None), then packed pixels
  const raw = Buffer.alloc(stride * px, 0xff);
  for (let y = 0; y < px; y++) raw[y * stride] = 0;
  for (let row = 0; row < size; row++) {
    const first = (row + QUIET_ZONE) * PNG_SCALE * stride;
    for (let col = 0; col < size; col++) {
      if (data[row * size + col] !== 1) continue;
      const x0 = (col + QUIET_ZONE) * PNG_SCALE;
      for (let x = x0; x < x0 + PNG_SCALE; x++) {
        const at = first + 1 + (x >> 3);
        raw[at] = (raw[at] as number) & ~(0x80 >> (x & 7));
      }
    }
    for (let copy = 1; copy < PNG_SCALE; copy++) raw.copy(raw, first + copy * stride, first, first + stride);
  }
  // Unused bits at the end of each line stay 1 (white); decoders ignore them.
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // colour type: greyscale
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    // Level 6, not 9: these images (module rows repeated PNG_SCALE times) compress to the same size at both levels
    // (±1 byte over our login links), and 6 costs about two thirds of the time (≈ 70 µs instead of 105 per PNG).
    // Output in 1 KB pieces instead of zlib's default 16 KB: the IDAT of a login link is ≈ 600 bytes, so one piece
    // holds it, and each start no longer allocates (and leaves to the GC) a 16 KB buffer it fills with 600 bytes.
    chunk('IDAT', deflateSync(raw, { level: 6, chunkSize: 1024 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

// CRC-32 (IEEE, reflected 0xEDB88320) as PNG specifies; node:zlib's crc32 exists only from Node 22.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of `bytes` (exported for its test against known vectors). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
