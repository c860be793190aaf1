// The QR mask search (ISO/IEC 18004 §7.8) over flat typed arrays: the same choice as qrcode's, at a fraction of its cost.

/**
 * A symbol as qrcode builds it with a fixed mask: modules (1 = dark) and which of them are function patterns,
 * format or version information (never masked).
 */
export interface MaskedSymbol {
  size: number;
  data: Uint8Array;
  reserved: Uint8Array;
  /** The mask `data` carries. */
  mask: number;
}

/** Error correction level M: its two format bits (L = 01, M = 00, Q = 11, H = 10). */
const LEVEL_M_BITS = 0b00;

/** Does mask `pattern` flip the module at (row i, column j)? The spec's eight conditions. */
function masks(pattern: number, i: number, j: number): boolean {
  switch (pattern) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

/**
 * The eight masks as 0/1 tables for one symbol size, built once per size (at most 40 sizes; login links use a few):
 * constant data, so sharing it across requests is safe.
 */
const MASK_TABLES = new Map<number, Uint8Array[]>();
function maskTables(size: number): Uint8Array[] {
  let tables = MASK_TABLES.get(size);
  if (!tables) {
    tables = Array.from({ length: 8 }, (_, pattern) => {
      const table = new Uint8Array(size * size);
      for (let row = 0; row < size; row++) {
        for (let col = 0; col < size; col++) table[row * size + col] = masks(pattern, row, col) ? 1 : 0;
      }
      return table;
    });
    MASK_TABLES.set(size, tables);
  }
  return tables;
}

/** The 15 format bits for level M and `pattern`: BCH(15,5) code, XOR 101010000010010 (never all zero). */
function formatBits(pattern: number): number {
  const G15 = 0b10100110111;
  const value = (LEVEL_M_BITS << 3) | pattern;
  let rem = value << 10;
  for (let bit = 14; bit >= 10; bit--) if ((rem >> bit) & 1) rem ^= G15 << (bit - 10);
  return ((value << 10) | rem) ^ 0b101010000010010;
}

/** Writes the format bits of `pattern` in both copies, where qrcode puts them (and the fixed dark module). */
function writeFormat(data: Uint8Array, size: number, pattern: number): void {
  const bits = formatBits(pattern);
  for (let i = 0; i < 15; i++) {
    const bit = (bits >> i) & 1;
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    data[row * size + 8] = bit;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    data[8 * size + col] = bit;
  }
  data[(size - 8) * size + 8] = 1;
}

/** Penalty of a masked symbol: the spec's N1 (runs), N2 (2×2 blocks), N3 (finder-like runs) and N4 (balance). */
export function penaltyOf(data: Uint8Array, size: number): number {
  let points = 0;
  // N1 and N3, rows and columns in one pass each.
  for (let a = 0; a < size; a++) {
    let runRow = 0;
    let runCol = 0;
    let lastRow = -1;
    let lastCol = -1;
    let bitsRow = 0;
    let bitsCol = 0;
    for (let b = 0; b < size; b++) {
      const inRow = data[a * size + b] as number;
      const inCol = data[b * size + a] as number;
      if (inRow === lastRow) runRow++;
      else {
        if (runRow >= 5) points += 3 + (runRow - 5);
        lastRow = inRow;
        runRow = 1;
      }
      if (inCol === lastCol) runCol++;
      else {
        if (runCol >= 5) points += 3 + (runCol - 5);
        lastCol = inCol;
        runCol = 1;
      }
      bitsRow = ((bitsRow << 1) & 0x7ff) | inRow;
      bitsCol = ((bitsCol << 1) & 0x7ff) | inCol;
      if (b >= 10) {
        if (bitsRow === 0x5d0 || bitsRow === 0x05d) points += 40;
        if (bitsCol === 0x5d0 || bitsCol === 0x05d) points += 40;
      }
    }
    if (runRow >= 5) points += 3 + (runRow - 5);
    if (runCol >= 5) points += 3 + (runCol - 5);
  }
  // N2: every 2×2 block of one colour.
  for (let row = 0; row < size - 1; row++) {
    const top = row * size;
    const bottom = top + size;
    for (let col = 0; col < size - 1; col++) {
      const sum =
        (data[top + col] as number) +
        (data[top + col + 1] as number) +
        (data[bottom + col] as number) +
        (data[bottom + col + 1] as number);
      if (sum === 0 || sum === 4) points += 3;
    }
  }
  // N4: distance of the dark share from 50 %, in steps of 5 %.
  let dark = 0;
  for (let i = 0; i < data.length; i++) dark += data[i] as number;
  points += Math.abs(Math.ceil((dark * 100) / data.length / 5) - 10) * 10;
  return points;
}

/**
 * The symbol under the mask with the lowest penalty (the first one on a tie, as qrcode picks), format bits included.
 * Returns a new array; `symbol` is not changed.
 */
export function withBestMask(symbol: MaskedSymbol): { data: Uint8Array; mask: number } {
  const { size, reserved } = symbol;
  const n = size * size;
  const tables = maskTables(size);
  // Flippable modules: everything but function patterns and format/version information.
  const open = new Uint8Array(n);
  for (let i = 0; i < n; i++) open[i] = reserved[i] ? 0 : 1;
  // Undo the mask qrcode applied, once; each candidate is then one XOR pass.
  const unmasked = new Uint8Array(n);
  const applied = tables[symbol.mask] as Uint8Array;
  for (let i = 0; i < n; i++) unmasked[i] = (symbol.data[i] as number) ^ ((applied[i] as number) & (open[i] as number));
  const candidate = new Uint8Array(n);
  let best = { data: candidate, mask: -1, penalty: Number.POSITIVE_INFINITY };
  for (let pattern = 0; pattern < 8; pattern++) {
    const table = tables[pattern] as Uint8Array;
    for (let i = 0; i < n; i++) candidate[i] = (unmasked[i] as number) ^ ((table[i] as number) & (open[i] as number));
    writeFormat(candidate, size, pattern);
    const penalty = penaltyOf(candidate, size);
    if (penalty < best.penalty) best = { data: Uint8Array.from(candidate), mask: pattern, penalty };
  }
  return { data: best.data, mask: best.mask };
}
