import { readFileSync } from 'node:fs';
import { ConfigError } from '../platform/config-error';

/**
 * Reads one of the operator's JSON settings files (profile, systems registry). A file that cannot be read or is
 * not JSON is refused at start-up, naming the file and the setting that points at it; validation is the caller's.
 */
export function readSettingsJson(file: string, what: string, hint: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${what} ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): ${hint}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${what} ${file} is not valid JSON: ${(err as Error).message}`);
  }
}
