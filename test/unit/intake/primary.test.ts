import { describe, expect, it } from 'vitest';
import type { RequestType } from '../../../domain/case/request-types';
import type { Demand } from '../../../domain/intake/message';
import { PRIMARY_ORDER, primaryOf } from '../../../domain/intake/primary';

const sure = (type: RequestType, confidence = 0.9): Demand => ({ type, confidence, matched: [type] });
const inOrder = (...demands: Demand[]) => [...demands].sort((a, b) => PRIMARY_ORDER.indexOf(a.type) - PRIMARY_ORDER.indexOf(b.type));
const none = { cited: new Set<RequestType>(), removalOfContact: false };
const open = (demands: Demand[], evidence = none) => primaryOf(inOrder(...demands), 0.6, evidence)?.type;

describe('the demand a case opens on', () => {
  it('is the first sure one in the order of protection', () => {
    expect(open([sure('access'), sure('deletion'), sure('correction')])).toBe('deletion');
    expect(open([sure('access'), sure('deletion', 0.59), sure('correction', 0.6)])).toBe('correction');
    expect(open([sure('deletion', 0.5)])).toBeUndefined();
    expect(open([])).toBeUndefined();
  });

  it('is the demand under the provision the subject cites, before deletion, cease and correction', () => {
    const cited = (type: RequestType) => ({ cited: new Set([type]), removalOfContact: false });
    expect(open([sure('deletion'), sure('cease_processing')], cited('cease_processing'))).toBe('cease_processing');
    expect(open([sure('deletion'), sure('correction')], cited('correction'))).toBe('correction');
    expect(open([sure('cease_processing'), sure('correction')], cited('correction'))).toBe('correction');
    // Cited but unsure: it does not open.
    expect(open([sure('deletion'), sure('cease_processing', 0.5)], cited('cease_processing'))).toBe('deletion');
  });

  it('keeps withdrawal and blocking first whatever is cited, and never opens on a cited access before an act on the data', () => {
    const cited = { cited: new Set<RequestType>(['cease_processing', 'access']), removalOfContact: true };
    expect(open([sure('withdrawal'), sure('cease_processing')], cited)).toBe('withdrawal');
    expect(open([sure('blocking'), sure('cease_processing')], cited)).toBe('blocking');
    expect(open([sure('correction'), sure('access')], { cited: new Set(['access']), removalOfContact: false })).toBe('correction');
    expect(open([sure('access')], { cited: new Set(['access']), removalOfContact: false })).toBe('access');
  });

  it('is cease_processing when the deletion only removes the number the subject is called on', () => {
    const contact = { cited: new Set<RequestType>(), removalOfContact: true };
    expect(open([sure('deletion'), sure('cease_processing')], contact)).toBe('cease_processing');
    expect(open([sure('deletion'), sure('cease_processing', 0.5)], contact)).toBe('deletion');
    expect(open([sure('deletion'), sure('access')], contact)).toBe('deletion');
    expect(open([sure('deletion'), sure('cease_processing')])).toBe('deletion');
  });
});
