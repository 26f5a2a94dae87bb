import { describe, expect, it } from 'vitest';
import { nextAttemptStep, resendRefusal } from '../../../letters/attempt';

const open = new Date('2026-12-02T10:00:00Z');

describe('nextAttemptStep: at most once without an officer (ADR 008)', () => {
  it('sends a queued letter with no open attempt, when SMTP is set', () => {
    expect(nextAttemptStep({ status: 'queued', sendingSince: null }, true)).toBe('send');
  });

  it('leaves a queued letter queued without SMTP settings', () => {
    expect(nextAttemptStep({ status: 'queued', sendingSince: null }, false)).toBe('smtp_not_configured');
  });

  it('does not send again after an attempt that recorded no outcome: the letter becomes unconfirmed', () => {
    expect(nextAttemptStep({ status: 'queued', sendingSince: open }, true)).toBe('mark_unconfirmed');
    // The open attempt is a fact about the past, whatever the SMTP settings are now.
    expect(nextAttemptStep({ status: 'queued', sendingSince: open }, false)).toBe('mark_unconfirmed');
  });

  it('never sends an unconfirmed letter by itself: it waits for `dsar letters resend`', () => {
    expect(nextAttemptStep({ status: 'unconfirmed', sendingSince: open }, true)).toBe('awaiting_officer');
  });

  it('does not send a sent letter again, nor one the server refused for good', () => {
    expect(nextAttemptStep({ status: 'sent', sendingSince: null }, true)).toBe('already_sent');
    expect(nextAttemptStep({ status: 'failed_permanently', sendingSince: null }, true)).toBe('refused_earlier');
  });
});

describe('resendRefusal', () => {
  it('resends only unconfirmed letters, and says what to do with the others', () => {
    expect(resendRefusal('unconfirmed')).toBeUndefined();
    expect(resendRefusal('sent')).toMatch(/accepted/);
    expect(resendRefusal('queued')).toMatch(/send-queued/);
    expect(resendRefusal('failed_permanently')).toMatch(/refused/);
  });
});
