import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../../../intake/parse-message';
import { CORPUS, labels, runCorpus, score, type Score } from '../../../scripts/classify-measure';
import { headline } from '../../../scripts/classify-report';
import { letters } from '../../fixtures/intake/corpus/letters';
import { render } from '../../fixtures/intake/corpus/mime';

/**
 * The held-out corpus (test/fixtures/intake/corpus/, 305 letters labelled by an officer's reading of 152-FZ) and the
 * aims of issue 16 point 7: at least 95 % on the right type or in triage, at most 2 % on a wrong type without triage.
 * Measured when the corpus was added, before that session's classifier changes: 272/305 (89.2 %) and 33/305 (10.8 %);
 * after them (written without sight of the corpus): 283/305 (92.8 %) and 22/305 (7.2 %). The AIMS ARE NOT MET (README,
 * "Classification on held-out letters"). Main cannot stay red, so the test below holds the measured figures as a floor
 * (a change that makes them worse fails) and prints the aims beside them; it is tightened, never loosened, as the
 * classifier improves. Fixing its misses would make it a training set: a new held-out set must then measure.
 */
const want = labels();
const byKind = (kind: string) => Object.values(want).filter((l) => l.kind === kind).length;
const withTrait = (trait: string) => Object.values(want).filter((l) => l.traits?.includes(trait)).length;

describe('the held-out corpus', () => {
  it('holds at least 300 labelled letters, each file labelled and each label a file, built from the committed data', () => {
    const files = readdirSync(path.join(CORPUS, 'eml')).filter((f) => f.endsWith('.eml')).sort();
    expect(files.length).toBeGreaterThanOrEqual(300);
    expect(files).toEqual(Object.keys(want).sort());
    // The .eml files are the build's output: a letter edited in letters/*.ts without a rebuild is caught here.
    letters.forEach((letter, n) => expect([letter.id, render(letter, n).equals(readFileSync(path.join(CORPUS, 'eml', `${letter.id}.eml`)))]).toEqual([letter.id, true]));
    for (const [file, l] of Object.entries(want)) expect([file, l.requestType]).toEqual([file, l.demands[0] ?? null]);
  });

  it('reads back through parseMessage: each letter keeps its subject and its first line of words, whatever its charset and encoding', async () => {
    const squash = (text: string) => text.replace(/\s+/g, ' ');
    for (const letter of letters) {
      const m = await parseMessage(readFileSync(path.join(CORPUS, 'eml', `${letter.id}.eml`)), { operatorDomains: ['wellengineering.ru'] });
      const first = letter.body.trim().split('\n')[0]!.trim();
      expect([letter.id, m.subject, squash(m.text).includes(squash(first))]).toEqual([letter.id, letter.subject, true]);
    }
  });

  it('has the mix the issue asks for: about 60 % Russian, not-requests, collectors, advertising, employees, representatives', () => {
    const total = Object.keys(want).length;
    const russian = Object.values(want).filter((l) => l.lang === 'ru').length / total;
    expect(russian).toBeGreaterThan(0.55);
    expect(russian).toBeLessThan(0.7);
    expect(Object.values(want).filter((l) => l.notARequest).length).toBeGreaterThanOrEqual(30);
    expect(byKind('collector')).toBeGreaterThanOrEqual(25);
    expect(byKind('advertising')).toBeGreaterThanOrEqual(25);
    expect(byKind('employee')).toBeGreaterThanOrEqual(20);
    expect(byKind('representative')).toBeGreaterThanOrEqual(20);
  });

  it('has at least 30 quoted replies or forwards that ask for something else, 20 negations and 30 citations, and each letter so marked is one', () => {
    expect(withTrait('quoted-other')).toBeGreaterThanOrEqual(30);
    expect(withTrait('negation')).toBeGreaterThanOrEqual(20);
    expect(withTrait('citation')).toBeGreaterThanOrEqual(30);
    for (const l of letters) {
      if (l.traits?.includes('quoted-other')) expect([l.id, !!l.quote]).toEqual([l.id, true]);
      if (l.traits?.includes('citation')) expect([l.id, l.body]).toEqual([l.id, expect.stringMatching(/(ст\.|стать\p{L}*|Art\.|Article)\s*\d/iu)]);
      if (l.traits?.includes('negation')) expect([l.id, l.body]).toEqual([l.id, expect.stringMatching(/(^|[^\p{L}])(не|not|don't|no need)([^\p{L}]|$)/iu)]);
    }
  });
});

describe('classification on the held-out corpus (issue 16 point 7)', () => {
  let s: Score;
  beforeAll(async () => {
    s = score(await runCorpus());
    console.log(`${headline(s).join('\n')}\naims: >= 95 % right or triage, <= 2 % wrong without triage (not met)`);
  });

  it('puts at least 283 of the 305 letters on the right type or in triage, as measured (aim: 95 %, 290)', () => {
    expect(s.total).toBe(305);
    expect(s.rightOrTriage, headline(s).join('; ')).toBeGreaterThanOrEqual(283);
  });

  it('opens at most 22 of the 305 letters as a wrong type without triage, as measured (aim: 2 %, 6)', () => {
    expect(s.wrongWithoutTriage, headline(s).join('; ')).toBeLessThanOrEqual(22);
  });
});
