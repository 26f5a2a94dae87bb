import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { MessageTooLarge, MessageUnreadable, parseMessage } from '../intake/parse-message';
import { intakeReport, understand } from '../intake/understand';
import { operatorDomains } from '../operator/profile';
import type { OperatorProfile } from '../operator/profile-schema';

/** `dsar intake parse FILE.eml | --batch DIR`: what intake would make of a message, with no side effects. */
export function registerIntakeCommands(program: Command, deps: { operator: () => OperatorProfile }): void {
  const intake = program.command('intake').description('e-mail intake');
  intake.command('parse')
    .description('print how a message parses and classifies, as one JSON object (no side effects); --batch DIR: one JSON line per file')
    .argument('[file]', 'an RFC 822 message (.eml)')
    .option('--batch <dir>', 'every file in this folder, one JSON line each, in name order')
    .action(async (file: string | undefined, opts: { batch?: string }) => {
      if (!file === !opts.batch) {
        console.error('dsar: give one message file, or --batch DIR (not both).');
        process.exitCode = 1;
        return;
      }
      const domains = operatorDomains(deps.operator());
      if (file) {
        const report = await reportOn(file, domains);
        console.log(JSON.stringify(report, null, 2));
        if ('error' in report) process.exitCode = 2;
        return;
      }
      const dir = opts.batch!;
      const files = readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isFile()).sort();
      for (const f of files) console.log(JSON.stringify({ file: f, ...(await reportOn(path.join(dir, f), domains)) }));
    });
}

/** The report, or why the message cannot be read (as intake would record the rejection). */
async function reportOn(file: string, operatorDomains: string[]) {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (err) {
    return { error: { code: 'file_unreadable', message: `${file}: ${(err as Error).message}` } };
  }
  try {
    const message = await parseMessage(raw, { operatorDomains });
    return intakeReport(message, understand(message));
  } catch (err) {
    if (err instanceof MessageTooLarge) return { error: { code: 'message_too_large', message: err.message } };
    if (err instanceof MessageUnreadable) return { error: { code: 'message_unreadable', reason: err.reason, message: err.message } };
    throw err;
  }
}
