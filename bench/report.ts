/** One figure of the engine bench: what the engine achieved beside its bare limit in the same run. */
export interface Figure {
  bench: string;
  label: string;
  unit: 'req/s' | 'ms' | 'MiB';
  value: number;
  bare: number;
  /** value / bare: the machine is shared and noisy, so the ratio is the figure to compare between runs. */
  ratio: number;
  aim: string;
  met: boolean;
  /** Said beside the figure, e.g. that the offered rate was not reached. */
  note?: string;
}

export function throughputFigure(bench: string, label: string, value: number, bare: number): Figure {
  const ratio = value / bare;
  return { bench, label, unit: 'req/s', value, bare, ratio, aim: '≥ 0.75× bare', met: ratio >= 0.75 };
}

export function latencyFigure(
  bench: string, label: string, value: number, bare: number, opts: { maxMs?: number; note?: string } = {},
): Figure {
  const ratio = value / bare;
  const aim = opts.maxMs === undefined ? '≤ 2× raw' : `≤ ${opts.maxMs} ms, ≤ 2× raw`;
  const met = ratio <= 2 && (opts.maxMs === undefined || value <= opts.maxMs) && !opts.note;
  return { bench, label, unit: 'ms', value, bare, ratio, aim, met, note: opts.note };
}

/**
 * A figure whose aim is an absolute bound the issue sets (worker RSS ≤ 1 GiB, reminder lateness p99 ≤ 2 s); the bare
 * limit beside it says how much of the figure is the engine's own.
 */
export function boundFigure(
  bench: string, label: string, unit: Figure['unit'], value: number, bare: number, max: number, note?: string,
): Figure {
  return { bench, label, unit, value, bare, ratio: value / bare, aim: `≤ ${max} ${unit}`, met: value <= max && !note, note };
}

const round = (n: number, unit: Figure['unit']) => (unit === 'ms' ? Number(n.toFixed(2)) : Math.round(n));

/** A readable table, then one JSON line per figure (`{"bench":…,"value":…,"bare":…,"ratio":…}`) to quote. */
export function printFigures(figures: Figure[]): void {
  const rows = [
    ['figure', 'engine', 'bare', 'ratio', 'aim', '', ''],
    ...figures.map((f) => [
      f.label, `${round(f.value, f.unit)} ${f.unit}`, `${round(f.bare, f.unit)} ${f.unit}`, f.ratio.toFixed(2), f.aim, f.met ? 'met' : 'MISSED', f.note ?? '',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  for (const f of figures) {
    console.log(JSON.stringify({ bench: f.bench, unit: f.unit, value: round(f.value, f.unit), bare: round(f.bare, f.unit), ratio: Number(f.ratio.toFixed(3)) }));
  }
}
