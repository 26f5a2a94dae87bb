// The legal-time module is imported from Temporal workflow code: no Node built-ins, no I/O, no ambient clock.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const moduleDir = path.resolve(__dirname, '../../../domain/legal-time');
const sources = readdirSync(moduleDir).filter((f) => f.endsWith('.ts'));

describe('domain/legal-time purity', () => {
  it.each(sources)('%s imports only its own files and JSON data, and reads no clock', (file) => {
    const text = readFileSync(path.join(moduleDir, file), 'utf8');
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\//);
    expect(text).not.toMatch(/\bDate\.now\s*\(|new Date\s*\(\s*\)|\bprocess\.|\brequire\s*\(|Math\.random/);
  });
});
