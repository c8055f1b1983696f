import type { Figure } from './stats';

/** One printed line of the bench table: what was measured, and its figure. */
export interface Row {
  readonly what: string;
  readonly figure: Figure | number | string;
  readonly unit: string;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function cell(f: Row['figure']): [string, string] {
  if (typeof f === 'string') return [f, ''];
  if (typeof f === 'number') return [count.format(f), ''];
  return [
    count.format(f.median),
    `${count.format(f.min)} … ${count.format(f.max)} (${f.runs} runs)`,
  ];
}

/** A readable table: what, median, unit, spread. */
export function formatTable(title: string, rows: readonly Row[]): string {
  const cells = rows.map((r) => {
    const [median, spread] = cell(r.figure);
    return [r.what, median, r.unit, spread];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i].length)));
  const lines = cells.map(
    (c) =>
      `  ${c[0].padEnd(widths[0])}  ${c[1].padStart(widths[1])} ${c[2].padEnd(widths[2])}  ${c[3]}`,
  );
  return `${title}\n${lines.join('\n')}\n`;
}
