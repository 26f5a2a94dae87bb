import { describe, expect, it } from 'vitest';
import { describeSmtpError } from '../../../letters/send';

/** last_error as the letters API, the CLI and /metrics show it: what failed, never whom the letter was for. */
describe('describeSmtpError', () => {
  it('gives the code, the reply code and the reply with addresses taken out', () => {
    expect(describeSmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <ivan@example.ru>: Recipient address rejected' }))
      .toBe('EENVELOPE 550 550 5.1.1 [address]: Recipient address rejected');
    expect(describeSmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:2525' })).toBe('ECONNECTION connect ECONNREFUSED 127.0.0.1:2525');
  });

  it('leaves out what the error does not have, and bounds the text', () => {
    expect(describeSmtpError({ code: '', response: 'temporary failure for a.b@c.d' })).toBe('temporary failure for [address]');
    expect(describeSmtpError('socket hang up')).toBe('socket hang up');
    expect(describeSmtpError({ responseCode: 451, response: 'x'.repeat(1000) })).toHaveLength(500);
  });
});
