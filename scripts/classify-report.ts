/** The corpus score as text for a terminal and as the README's Markdown tables. */
import { TYPES, type Score } from './classify-measure';

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
const ratio = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const COLUMNS = [...TYPES, 'triage'];

export function headline(s: Score): string[] {
  return [
    `letters: ${s.total}`,
    `right type or triage: ${s.rightOrTriage}/${s.total} (${pct(s.rightOrTriage, s.total)}; aim >= 95 %)`,
    `wrong type without triage: ${s.wrongWithoutTriage}/${s.total} (${pct(s.wrongWithoutTriage, s.total)}; aim <= 2 %)`,
    `right type (triage counted as a miss for a request): ${s.right}/${s.total} (${pct(s.right, s.total)})`,
    `right type and every demand: ${s.everyDemand}/${s.total} (${pct(s.everyDemand, s.total)})`,
  ];
}

export function markdown(s: Score): string {
  const lines = headline(s).map((l) => `- ${l}`);
  lines.push('', '| labelled type | letters | precision | recall |', '|---|---:|---:|---:|');
  for (const t of s.perType) lines.push(`| ${t.type ?? 'not a request (→ triage)'} | ${t.letters} | ${ratio(t.precision)} | ${ratio(t.recall)} |`);
  lines.push('', `| labelled ↓ / engine → | ${COLUMNS.join(' | ')} |`, `|---|${COLUMNS.map(() => '---:').join('|')}|`);
  for (const [row, cells] of Object.entries(s.matrix)) lines.push(`| ${row} | ${COLUMNS.map((c) => cells[c]).join(' | ')} |`);
  return lines.join('\n');
}

export function text(s: Score): string {
  const lines = [...headline(s), '', 'per type (precision: of the letters the engine opened as it; recall: of the letters labelled it):'];
  for (const t of s.perType) lines.push(`  ${(t.type ?? 'not a request').padEnd(17)} letters ${String(t.letters).padStart(3)}  precision ${ratio(t.precision).padStart(4)}  recall ${ratio(t.recall)}`);
  lines.push('', 'confusion matrix (rows: labelled; columns: engine):', `  ${''.padEnd(17)}${COLUMNS.map((c) => c.slice(0, 10).padStart(11)).join('')}`);
  for (const [row, cells] of Object.entries(s.matrix)) lines.push(`  ${row.padEnd(17)}${COLUMNS.map((c) => String(cells[c]).padStart(11)).join('')}`);
  lines.push('', `misses (${s.misses.length}):`);
  for (const m of s.misses) {
    const verdict = m.got === 'triage' ? `triage (${m.why})` : `WRONG ${m.got}`;
    lines.push(`  ${m.file}: ${verdict} [${m.gotDemands.join('+')}], want ${m.want.requestType ?? 'not a request'} [${m.want.demands.join('+')}]`);
  }
  return lines.join('\n');
}
