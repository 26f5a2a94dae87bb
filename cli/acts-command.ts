import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { actData, getAct, type StoredAct } from '../acts/act-register';
import { withPool, type DatabaseDeps } from './with-pool';

type Deps = DatabaseDeps;

const say = (m: string) => console.error(`dsar: ${m}`);

/** A short description of an act for a terminal: its register entry and every Order 179 field. */
function summary(stored: StoredAct): string {
  const act = actData(stored);
  return [
    `Act ${act.number} (case ${act.caseId}), issued ${act.issuedOn}, destroyed ${act.destroyedOn}, kept until ${stored.retainUntil}`,
    `  operator:    ${act.operator.name}, ${act.operator.address}`,
    `  processors:  ${act.processors.map((p) => `${p.name}, ${p.address}`).join('; ') || 'none'}`,
    `  subject:     ${act.subject.name}`,
    `  destroyed by ${act.destroyedBy.map((p) => `${p.name} (${p.position})`).join('; ')}`,
    `  categories:  ${act.categories.join(', ')}`,
    `  systems:     ${act.informationSystems.map((s) => s.id).join(', ') || 'none'}; media: ${act.media.map((m) => `${m.system} (${m.sheets} sheets)`).join(', ') || 'none'}`,
    `  reason:      ${act.reason.text.en} (${act.reason.legalBasis}; request ${act.reason.request.number} of ${act.reason.request.date})`,
    `  log extract: ${act.logExtract.length} entr${act.logExtract.length === 1 ? 'y' : 'ies'}`,
    `  JSON SHA-256 ${stored.jsonSha256}`,
    `  PDF SHA-256  ${stored.pdfSha256}`,
    `  signature:   ${stored.signature ? `${stored.signatureFormat}, by ${stored.signedBy}` : 'unsigned'}`,
  ].join('\n');
}

/** `dsar acts print <number>`: the act as stored, never re-rendered, so its hashes still match. */
export function registerActCommands(program: Command, deps: Deps): void {
  const acts = program.command('acts').description('destruction acts (RKN Order 179)');
  acts.command('print <number>')
    .description('print an act: a summary on stdout, or with --json its JSON exactly as hashed; --pdf FILE writes its PDF')
    .option('--json', 'print the act\'s JSON (the hashed text) instead of the summary')
    .option('--pdf <file>', 'write the act\'s PDF to FILE')
    .action((number: string, opts: { json?: boolean; pdf?: string }) => withPool(deps, async (pool) => {
      const stored = await getAct(pool, number);
      if (!stored) {
        say(`no act ${number}: act numbers look like 179-2026-000001.`);
        process.exitCode = 1;
        return;
      }
      // The retention workflow deletes an act's content the day after its 3 years; the register entry stays.
      if ((stored.json as string | null) === null) {
        say(`act ${number} (case ${stored.caseId}) was kept until ${stored.retainUntil} and purged; JSON SHA-256 ${stored.jsonSha256}, PDF SHA-256 ${stored.pdfSha256}.`);
        process.exitCode = 1;
        return;
      }
      if (opts.pdf) {
        writeFileSync(opts.pdf, stored.pdf);
        say(`wrote ${opts.pdf} (${stored.pdf.length} bytes, SHA-256 ${stored.pdfSha256})`);
      }
      process.stdout.write(opts.json ? stored.json : `${summary(stored)}\n`);
    }));
}
