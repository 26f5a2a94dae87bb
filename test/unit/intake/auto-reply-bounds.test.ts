import type { Attachment, Header } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { detectAutoReply } from '../../../intake/auto-reply';

/** The edges of auto-reply detection: how much of a bounce is read, and header values as servers write them. */
const h = (pairs: Record<string, string>): Header[] => Object.entries(pairs).map(([key, value]) => ({ key, originalKey: key, value }));
const part = (content: string, mimeType = 'message/delivery-status'): Attachment =>
  ({ mimeType, content, filename: null, disposition: 'attachment' }) as unknown as Attachment;
const REPORT = h({ 'content-type': 'multipart/report; report-type=delivery-status' });

describe('detectAutoReply: bounds and spellings', () => {
  it('reads the first 64 KiB of a delivery-status part only', () => {
    const status = 'Action: failed\nStatus: 5.1.1\n';
    expect(detectAutoReply(REPORT, [part(`${'x'.repeat(60_000)}\n${status}`)])).toEqual({ reason: 'delivery_status: failed 5.1.1' });
    expect(detectAutoReply(REPORT, [part(`${'x'.repeat(70_000)}\n${status}`)])).toEqual({ reason: 'delivery_status: unknown' });
  });

  it('reads the status from the delivery-status part only, else names the report type', () => {
    expect(detectAutoReply(REPORT, [part('Action: failed\n', 'text/plain')])).toEqual({ reason: 'report: delivery-status' });
  });

  it('takes a Precedence value whatever its case and surrounding spaces', () => {
    expect(detectAutoReply(h({ precedence: '  Junk ' }), [])).toEqual({ reason: 'precedence: junk' });
    expect(detectAutoReply(h({ precedence: 'list' }), [])).toEqual({ reason: 'precedence: list' });
    expect(detectAutoReply(h({ precedence: 'auto_reply' }), [])).toEqual({ reason: 'precedence: auto_reply' });
  });

  it('reads Auto-Submitted: No in any case as a person\'s letter, any other value as automatic', () => {
    expect(detectAutoReply(h({ 'auto-submitted': 'No' }), [])).toBeUndefined();
    expect(detectAutoReply(h({ 'auto-submitted': 'auto-generated' }), [])).toEqual({ reason: 'auto_submitted: auto-generated' });
  });

  it('does not take a report-type parameter on another content type for a report', () => {
    expect(detectAutoReply(h({ 'content-type': 'text/plain; report-type=delivery-status' }), [part('Action: failed\n')])).toBeUndefined();
  });
});
