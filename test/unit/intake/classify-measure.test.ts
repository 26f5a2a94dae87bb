import { expect, it } from 'vitest';
import { score, type Label, type Outcome } from '../../../scripts/classify-measure';

const label = (requestType: Label['requestType'], ...rest: NonNullable<Label['requestType']>[]): Label =>
  ({ requestType, demands: requestType ? [requestType, ...rest] : [], kind: 'other', lang: 'ru' });
const outcome = (want: Label, got: Outcome['got'], ...gotDemands: Outcome['gotDemands']): Outcome => ({ file: `${want.requestType}-${got}`, want, got, gotDemands });

it('scores triage as safe, a wrong type as unsafe, and a type opened on a not-request as wrong', () => {
  const s = score([
    outcome(label('deletion', 'cease_processing'), 'deletion', 'deletion', 'cease_processing'),
    outcome(label('deletion'), 'deletion', 'deletion', 'access'),
    outcome(label('access'), 'triage'),
    outcome(label('cease_processing', 'deletion'), 'deletion', 'deletion', 'cease_processing'),
    outcome(label(null), 'triage'),
    outcome(label(null), 'withdrawal', 'withdrawal'),
  ]);
  expect([s.total, s.right, s.rightOrTriage, s.wrongWithoutTriage, s.everyDemand]).toEqual([6, 3, 4, 2, 2]);
  expect(s.matrix.cease_processing!.deletion).toBe(1);
  expect(s.matrix.null!.triage).toBe(1);
  expect(s.matrix.null!.withdrawal).toBe(1);
  expect(s.matrix.access!.triage).toBe(1);
  const deletion = s.perType.find((t) => t.type === 'deletion')!;
  expect([deletion.letters, deletion.precision, deletion.recall]).toEqual([2, 2 / 3, 1]);
  expect(s.perType.find((t) => t.type === 'blocking')).toEqual({ type: 'blocking', letters: 0, precision: null, recall: 0 });
  expect(s.perType.find((t) => t.type === null)).toEqual({ type: null, letters: 2, precision: null, recall: 0.5 });
  expect(s.misses.map((m) => m.file)).toEqual(['access-triage', 'cease_processing-deletion', 'null-withdrawal']);
});
