// `npm run mutate [target...]`: one Stryker run per target (all by default), one after another, then
// the mutation score of each from its JSON report. Not part of CI: a full run takes tens of minutes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { targets } from './targets.mjs';

// `--report`: print the scores of the last runs without running anything.
const reportOnly = process.argv.includes('--report');
const names = process.argv.slice(2).filter((arg) => arg !== '--report');
for (const name of names) {
  if (!targets[name]) {
    console.error(`unknown target "${name}"; targets: ${Object.keys(targets).join(', ')}`);
    process.exit(2);
  }
}
const chosen = names.length > 0 ? names : Object.keys(targets);

let failed = false;
for (const name of reportOnly ? [] : chosen) {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit', env: { ...process.env, MUTATE_TARGET: name },
  });
  if (run.status !== 0) failed = true;
  console.log(`mutate ${name}: ${run.status === 0 ? 'done' : 'FAILED'} in ${Math.round((Date.now() - started) / 60_000)} min`);
}

console.log('\nmutation score = (killed + timed out) / (killed + timed out + survived + no coverage):');
for (const name of chosen) console.log(`  ${name.padEnd(10)} ${scoreOf(name)}`);
process.exit(failed ? 1 : 0);

function scoreOf(name) {
  const file = `reports/mutation/${name}.json`;
  if (!existsSync(file)) return 'no report';
  const counts = {};
  for (const { mutants } of Object.values(JSON.parse(readFileSync(file, 'utf8')).files)) {
    for (const mutant of mutants) {
      const status = notRun(mutant) ? 'StaticNotRun' : mutant.status;
      counts[status] = (counts[status] ?? 0) + 1;
    }
  }
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const score = valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)}%`;
  return `${score}  (${detected} of ${valid}; ${counts.Survived ?? 0} survived, ${counts.NoCoverage ?? 0} no coverage, ` +
    `${(counts.Ignored ?? 0) + (counts.StaticNotRun ?? 0)} static left out)`;
}

// A mutant in code that also runs in a beforeAll (app and token set-up) is "static" too; with
// ignoreStatic Stryker runs only its covering tests, and the vitest runner then ran none of them, so
// Stryker's own report calls it survived. Counted with the ignored static mutants, not in the score.
function notRun(mutant) {
  return mutant.status === 'Survived' && mutant.static === true && mutant.testsCompleted === 0;
}
