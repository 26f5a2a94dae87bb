import { existsSync } from 'node:fs';
import path from 'node:path';
import { Liquid } from 'liquidjs';
import { formatDay, pluralize } from './filters';
import { LETTER_KINDS, LETTER_LANGUAGES, type LetterData, type LetterKind, type LetterLanguage } from './kinds';
import { SAMPLE_LETTER_DATA } from './samples';

/** The templates shipped with the engine; an operator's folder (DSAR_LETTER_TEMPLATES_DIR) is searched first. */
export const SHIPPED_TEMPLATES_DIR = path.join(__dirname, 'templates');

export interface RenderedLetter {
  subject: string;
  text: string;
}

/** A template that cannot be rendered: names the file and what is wrong, so the operator can fix it. */
export class LetterTemplateError extends Error {
  readonly code = 'letter_template_invalid';
}

export interface LetterRenderer {
  render<K extends LetterKind>(kind: K, language: LetterLanguage, data: LetterData[K]): Promise<RenderedLetter>;
}

/**
 * LiquidJS: templates are data, not code — they cannot call functions, read files outside the template
 * folders or reach object prototypes. `strictVariables` makes a misspelt variable an error instead of
 * an empty gap in a letter (`lenientIf` still lets `{% if phone %}` test an optional field).
 */
function engine(language: LetterLanguage, templatesDir: string | undefined): Liquid {
  const roots = [templatesDir, SHIPPED_TEMPLATES_DIR].filter((d): d is string => !!d).map((d) => path.join(d, language));
  const liquid = new Liquid({
    root: roots, partials: roots.map((r) => path.join(r, 'partials')), extname: '.liquid',
    strictVariables: true, strictFilters: true, lenientIf: true, ownPropertyOnly: true, cache: true,
  });
  liquid.registerFilter('day', (value: unknown) => formatDay(value, language));
  liquid.registerFilter('plural', (value: unknown, ...forms: unknown[]) => pluralize(value, language, forms));
  return liquid;
}

/**
 * A template renders to its subject line, an empty line, then the text body (templates/README.md).
 * Blank runs are collapsed so optional paragraphs leave no holes.
 */
export function splitLetter(output: string, file: string): RenderedLetter {
  const lines = output.replace(/\r\n/g, '\n').replace(/^\s*\n/, '').split('\n');
  const subject = (lines.shift() ?? '').trim();
  const text = lines.join('\n').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
  if (!subject) throw new LetterTemplateError(`${file}: the first line must be the letter's subject; it rendered empty.`);
  if (!text) throw new LetterTemplateError(`${file}: the letter's body rendered empty.`);
  return { subject, text: `${text}\n` };
}

export function createLetterRenderer(opts: { templatesDir?: string } = {}): LetterRenderer {
  if (opts.templatesDir !== undefined && !existsSync(opts.templatesDir)) {
    throw new LetterTemplateError(`DSAR_LETTER_TEMPLATES_DIR=${opts.templatesDir} does not exist: point it at a folder with ru/ and en/ subfolders.`);
  }
  const engines = { ru: engine('ru', opts.templatesDir), en: engine('en', opts.templatesDir) };
  return {
    async render(kind, language, data) {
      const file = `${language}/${kind}.liquid`;
      let output: string;
      try {
        output = await engines[language].renderFile(kind, data as object);
      } catch (err) {
        throw new LetterTemplateError(`${file}: ${(err as Error).message}`);
      }
      return withCaseTag(splitLetter(output, file), (data as { caseNumber?: string }).caseNumber);
    },
  };
}

/**
 * Every letter's subject carries the case number as a tag, `[DSAR-2026-000123]`, however an operator edits the
 * templates: e-mail intake files a reply whose subject keeps the tag with that case instead of opening a new one.
 */
export function withCaseTag(letter: RenderedLetter, caseNumber: string | undefined): RenderedLetter {
  if (!caseNumber || letter.subject.includes(`[${caseNumber}]`)) return letter;
  return { ...letter, subject: `${letter.subject} [${caseNumber}]` };
}

/**
 * Renders every kind in every language with the sample data: a missing template, a syntax error or a
 * misspelt variable stops start-up with the file's name instead of failing one letter at a time later.
 */
export async function verifyTemplates(renderer: LetterRenderer): Promise<void> {
  for (const language of LETTER_LANGUAGES) {
    for (const kind of LETTER_KINDS) await renderer.render(kind, language, SAMPLE_LETTER_DATA[kind]);
  }
}
