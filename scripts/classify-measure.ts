/**
 * The classifier measured on the held-out corpus (test/fixtures/intake/corpus/): every letter through parseMessage and
 * understand, as intake does, scored against an officer's labels. `npm run classify-eval` prints it; the corpus test
 * asserts the aims on it. An auto-reply counts as triage: intake records it and opens no case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PRIMARY_ORDER } from '../domain/intake/classify';
import { REQUEST_TYPES, type RequestType } from '../domain/case/request-types';
import { parseMessage } from '../intake/parse-message';
import { understand } from '../intake/understand';
import { operatorDomains } from '../operator/profile';
import type { OperatorProfile } from '../operator/profile-schema';

export const CORPUS = path.resolve(__dirname, '../test/fixtures/intake/corpus');
export const TYPES = REQUEST_TYPES;

export interface Label {
  requestType: RequestType | null;
  demands: RequestType[];
  notARequest?: boolean;
  kind: string;
  lang: 'ru' | 'en';
  traits?: string[];
}

export interface Outcome {
  file: string;
  want: Label;
  /** The engine's primary type, or 'triage' when an officer has to decide (triage reason, null type, auto-reply). */
  got: RequestType | 'triage';
  gotDemands: RequestType[];
  why?: string;
}

export function labels(): Record<string, Label> {
  return JSON.parse(readFileSync(path.join(CORPUS, 'labels.json'), 'utf8')) as Record<string, Label>;
}

/** The seed operators' request mailboxes: a colleague's forward from one of them is the subject's letter. */
function seedDomains(): string[] {
  const dir = path.resolve(__dirname, '../operator/profiles');
  return readdirSync(dir).filter((f) => f.endsWith('.json'))
    .flatMap((f) => operatorDomains(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as OperatorProfile));
}

const byOrder = (types: RequestType[]) => [...new Set(types)].sort((a, b) => PRIMARY_ORDER.indexOf(a) - PRIMARY_ORDER.indexOf(b));

export async function runCorpus(): Promise<Outcome[]> {
  const want = labels();
  const domains = seedDomains();
  const outcomes: Outcome[] = [];
  for (const file of Object.keys(want).sort()) {
    const message = await parseMessage(readFileSync(path.join(CORPUS, 'eml', file)), { operatorDomains: domains });
    const c = understand(message).classification;
    const why = message.autoReply ? 'auto_reply' : c.triage ?? (c.requestType ? undefined : 'no_type');
    const got = why || !c.requestType ? 'triage' : c.requestType;
    outcomes.push({ file, want: want[file]!, got, gotDemands: byOrder(c.demands.map((d) => d.type)), ...(why ? { why } : {}) });
  }
  return outcomes;
}

export interface Score {
  total: number;
  /** Right type (or triage for a not-request), or triage for a request: an officer sees it before anything is wrong. */
  rightOrTriage: number;
  /** A type opened without triage that is not the labelled one (any type for a not-request). */
  wrongWithoutTriage: number;
  right: number;
  /** Right primary and the same set of demands. */
  everyDemand: number;
  perType: Array<{ type: RequestType | null; letters: number; precision: number | null; recall: number }>;
  /** matrix[labelled][engine]: rows TYPES + 'null', columns TYPES + 'triage'. */
  matrix: Record<string, Record<string, number>>;
  misses: Outcome[];
}

export function score(outcomes: Outcome[]): Score {
  const rows = [...TYPES, 'null'];
  const matrix = Object.fromEntries(rows.map((r) => [r, Object.fromEntries([...TYPES, 'triage'].map((c) => [c, 0]))])) as Score['matrix'];
  let right = 0;
  let rightOrTriage = 0;
  let everyDemand = 0;
  for (const o of outcomes) {
    const wanted = o.want.requestType ?? 'triage';
    matrix[o.want.requestType ?? 'null']![o.got]! += 1;
    right += Number(o.got === wanted);
    rightOrTriage += Number(o.got === wanted || o.got === 'triage');
    everyDemand += Number(o.got === wanted && (o.got === 'triage' || JSON.stringify(o.gotDemands) === JSON.stringify(byOrder(o.want.demands))));
  }
  const perType: Score['perType'] = TYPES.map((type) => {
    const labelled = outcomes.filter((o) => o.want.requestType === type);
    const opened = outcomes.filter((o) => o.got === type);
    const hits = opened.filter((o) => o.want.requestType === type).length;
    return { type, letters: labelled.length, precision: opened.length ? hits / opened.length : null, recall: labelled.length ? hits / labelled.length : 0 };
  });
  const notRequests = outcomes.filter((o) => o.want.requestType === null);
  perType.push({ type: null, letters: notRequests.length, precision: null, recall: notRequests.length ? notRequests.filter((o) => o.got === 'triage').length / notRequests.length : 0 });
  const misses = outcomes.filter((o) => o.got !== (o.want.requestType ?? 'triage'));
  return { total: outcomes.length, rightOrTriage, wrongWithoutTriage: outcomes.length - rightOrTriage, right, everyDemand, perType, matrix, misses };
}
