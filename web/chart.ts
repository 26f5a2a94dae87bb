/** The dashboard's weekly chart as inline SVG geometry: two bars a week, scaled to the busiest week. */
export interface WeekBars { week: string; opened: number; closed: number; x: number; openedH: number; closedH: number }

export const CHART = { width: 560, height: 160, bar: 22, gap: 4, step: 70, base: 140 } as const;

export function weekBars(weeks: Array<{ week: string; opened: number; closed: number }>): WeekBars[] {
  const max = Math.max(1, ...weeks.flatMap((w) => [w.opened, w.closed]));
  const scale = (n: number) => Math.round((n / max) * (CHART.base - 10));
  return weeks.map((w, i) => ({ ...w, x: 10 + i * CHART.step, openedH: scale(w.opened), closedH: scale(w.closed) }));
}
