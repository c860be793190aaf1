// Prints a benchmark's table: a title, aligned columns (numbers right-aligned), and notes below.

export type Cell = string | number;

/** Integers as they are, other numbers with `digits` decimals (none from 1000 up); strings pass through. */
export function formatCell(cell: Cell, digits = 2): string {
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return '—';
  if (Number.isInteger(cell)) return cell.toString();
  return Math.abs(cell) >= 1000 ? Math.round(cell).toString() : cell.toFixed(digits);
}

export function printTable(title: string, header: string[], rows: Cell[][], notes: string[] = []): void {
  const text = rows.map((row) => row.map((c) => formatCell(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], numeric: boolean[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(`\n## ${title}\n`);
  console.log(
    line(
      header,
      header.map(() => false),
    ),
  );
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (let r = 0; r < rows.length; r++) {
    console.log(
      line(
        text[r] ?? [],
        (rows[r] ?? []).map((c) => typeof c === 'number'),
      ),
    );
  }
  for (const note of notes) console.log(note);
}
