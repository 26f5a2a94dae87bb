/**
 * The README's newcomer path as a shell script: the quick start, "What `npm start` does" and "One case of each type",
 * in that order, as written — with what a reader does by hand left to the caller (`npm install`, `npm start` in the
 * first terminal, `npm test`). Pure, so a unit test can hold the README to it without starting anything.
 */
const SECTIONS = ['# DSAR engine', '## What `npm start` does', '### One case of each type'];

/** The first ```bash block after each of the newcomer's headings, in README order. */
export function newcomerBlocks(readme: string): string[] {
  return SECTIONS.map((heading) => {
    const at = readme.indexOf(`\n${heading}`) >= 0 ? readme.indexOf(`\n${heading}`) : readme.startsWith(heading) ? 0 : -1;
    if (at < 0) throw new Error(`README.md has no section "${heading}"`);
    const open = readme.indexOf('```bash\n', at);
    const close = readme.indexOf('\n```', open + 8);
    if (open < 0 || close < 0) throw new Error(`README.md section "${heading}" has no bash block`);
    return readme.slice(open + 8, close + 1);
  });
}

/** The reader runs these themselves (install, the engine in its own terminal) or they are not the walkthrough (tests). */
const HANDS_ON = /^npm (install|start|test)\b/;

/** One script of the blocks, `npm …` lines left out, the engine's URL where the README says the default one. */
export function walkthroughScript(blocks: string[], baseUrl: string): string {
  return blocks
    .map((block) => block.split('\n').filter((line) => !HANDS_ON.test(line.trim())).join('\n'))
    .join('\n')
    .replaceAll('http://127.0.0.1:3000', baseUrl);
}

/** Shell statements, a line ending in `\` joined with the next. */
function statements(script: string): string[] {
  return script.replace(/\\\n/g, ' ').split('\n').map((s) => s.trim()).filter((s) => s && !s.startsWith('#'));
}

export interface ExpectedCase { type: string; actions: string[] }

/**
 * What each case the script opens should end up as, by the shell variable that keeps its number: its type (from the
 * body that opened it) and the actions sent to it, in order (`act $VAR '{"action":…}'` or a POST to `cases/$VAR/actions`).
 */
export function expectedCases(script: string): Map<string, ExpectedCase> {
  const cases = new Map<string, ExpectedCase>();
  for (const s of statements(script)) {
    const opened = /^([A-Z][A-Z_]*)=\$\(.*?"type":"(\w+)"/.exec(s);
    if (opened) cases.set(opened[1]!, { type: opened[2]!, actions: [] });
    const acted = /(?:^act \$([A-Z_]+) |cases\/\$([A-Z_]+)\/actions).*?"action":"(\w+)"/.exec(s);
    if (acted) {
      const name = acted[1] ?? acted[2]!;
      const kept = cases.get(name);
      if (!kept) throw new Error(`README: an action goes to $${name}, which no earlier command set: ${s}`);
      kept.actions.push(acted[3]!);
    }
  }
  return cases;
}

/** Case numbers written into commands (comments aside): they name some other reader's case, never the one just opened. */
export function literalCaseNumbers(script: string): string[] {
  return statements(script).map((s) => s.replace(/\s#\s.*$/, '')).filter((s) => /DSAR-\d{4}-\d{6}/.test(s));
}
