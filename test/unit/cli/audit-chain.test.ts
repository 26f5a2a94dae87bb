import { describe, expect, it } from 'vitest';
import { canonicalEvent, eventHash, field, GENESIS_HASH, type ChainedEvent } from '../../../cli/audit-chain';

const event: Omit<ChainedEvent, 'hash'> = {
  chainSeq: '7', id: '42', caseId: 'DSAR-2026-000001', at: '2026-03-01T09:34:56.789123Z', actor: 'Ёжик', action: 'case.respond',
  fromStatus: 'received', toStatus: 'responded', message: null, data: '{"a": {"b": [1.0, null]}, "z": "ü"}',
  dedupeKey: 'DSAR-2026-000001:transition:1', actedAt: null, prevHash: GENESIS_HASH,
};

describe('the canonical serialisation of an audit event', () => {
  it('length-prefixes every field in UTF-8 bytes and writes NULL as ~, distinct from an empty string', () => {
    expect(field('Ёжик')).toBe('8:Ёжик');
    expect(field('🦔')).toBe('4:🦔');
    expect(field('')).toBe('0:');
    expect(field(null)).toBe('~');
  });

  it('covers every field in a fixed order after a version tag', () => {
    expect(canonicalEvent(event)).toBe(
      'dsar-audit-v1' + '1:7' + '2:42' + '16:DSAR-2026-000001' + '27:2026-03-01T09:34:56.789123Z' + '8:Ёжик' + '12:case.respond'
      + '8:received' + '9:responded' + '~' + '36:{"a": {"b": [1.0, null]}, "z": "ü"}' + '29:DSAR-2026-000001:transition:1' + '~' + `64:${GENESIS_HASH}`);
  });

  it('changes the hash when content moves from one field to the next, or NULL becomes empty', () => {
    const base = eventHash(event);
    expect(eventHash({ ...event, actor: 'Ёжи', action: 'кcase.respond' })).not.toBe(base);
    expect(eventHash({ ...event, message: '' })).not.toBe(base);
    expect(eventHash({ ...event, prevHash: 'f'.repeat(64) })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
