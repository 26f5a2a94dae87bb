import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedCases, literalCaseNumbers, newcomerBlocks, walkthroughScript } from '../../scripts/readme-blocks';

const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const script = walkthroughScript(newcomerBlocks(readme), 'http://127.0.0.1:3000');

/**
 * Issue 15: the walkthrough hard-coded DSAR-…-000001 to 000006, so after the quick start 17 of its 23 actions
 * answered 409 and 6 landed on other cases. scripts/readme-walkthrough.ts runs it against real engines; this
 * holds the README's text to the same rules in the unit suite, in milliseconds.
 */
describe("the README's newcomer path (quick start, then one case of each type)", () => {
  it('names no case number in a command: every action goes to a case whose number the reader kept', () => {
    expect(literalCaseNumbers(script)).toEqual([]);
  });

  it('keeps each case it opens, of each type, and sends each action to a kept case', () => {
    const cases = expectedCases(script); // throws when an action names a variable nothing set
    expect([...cases].map(([name, c]) => [name, c.type])).toEqual([
      ['CASE', 'access'], ['ACCESS', 'access'], ['CORRECTION', 'correction'], ['BLOCKING', 'blocking'],
      ['WITHDRAWAL', 'withdrawal'], ['DELETION', 'deletion'], ['CEASE', 'cease_processing'],
    ]);
    expect([...cases.values()].every((c) => c.actions.at(-1) === 'respond')).toBe(true);
  });

  it('answers every access request with content (the art. 14 p.7 sections), never an empty answer', () => {
    const accessVars = [...expectedCases(script)].filter(([, c]) => c.type === 'access').map(([name]) => name);
    const responds = script.replace(/\\\n/g, ' ').split('\n')
      .filter((s) => accessVars.some((v) => s.includes(`$${v} `) || s.includes(`$${v}/actions`)) && s.includes('"action":"respond"'));
    expect(responds).toHaveLength(accessVars.length);
    for (const s of responds) expect(s).toMatch(/"sections":\[\{"item":"\w+","text":"[^"]{10,}"/);
  });
});
