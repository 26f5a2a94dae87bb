import type { Attachment, Header } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { detectAutoReply } from '../../../intake/auto-reply';

/** Why a message opens no case: the reason the triage view and `npx dsar intake parse` show. */
const h = (pairs: Record<string, string>): Header[] => Object.entries(pairs).map(([key, value]) => ({ key, originalKey: key, value }));
const status = (content: string | ArrayBuffer): Attachment =>
  ({ mimeType: 'message/delivery-status', content, filename: null, disposition: 'attachment' }) as unknown as Attachment;

describe('detectAutoReply', () => {
  it('reads a bounce\'s action and status from its delivery-status part', () => {
    const report = h({ 'content-type': 'Multipart/Report; report-type=delivery-status; boundary="x"' });
    const text = 'Reporting-MTA: dns; mx.example.ru\n\nFinal-Recipient: rfc822; a@example.ru\nAction: failed\nStatus: 5.1.1\n';
    expect(detectAutoReply(report, [status(text)])).toEqual({ reason: 'delivery_status: failed 5.1.1' });
    expect(detectAutoReply(report, [status(new TextEncoder().encode(text).buffer as ArrayBuffer)])).toEqual({ reason: 'delivery_status: failed 5.1.1' });
    expect(detectAutoReply(report, [status('Action: delayed\n')])).toEqual({ reason: 'delivery_status: delayed' });
    expect(detectAutoReply(report, [status('Status: 4.4.7\n')])).toEqual({ reason: 'delivery_status: 4.4.7' });
    expect(detectAutoReply(report, [status('X-Action: failed\nX-Status: 5.1.1\n')])).toEqual({ reason: 'delivery_status: unknown' });
  });

  it('names the report type of a report without a delivery-status part', () => {
    expect(detectAutoReply(h({ 'content-type': 'multipart/report; report-type="disposition-notification"' }), [])).toEqual({ reason: 'report: disposition-notification' });
    expect(detectAutoReply(h({ 'content-type': 'multipart/report; report-type = feedback-report' }), [])).toEqual({ reason: 'report: feedback-report' });
    expect(detectAutoReply(h({ 'content-type': 'multipart/report' }), [])).toEqual({ reason: 'report: unknown' });
  });

  it('reads Auto-Submitted, Precedence and the X-Autoreply headers; a plain letter is none', () => {
    expect(detectAutoReply(h({ 'auto-submitted': ' Auto-Replied; owner-email="a@example.ru"' }), [])).toEqual({ reason: 'auto_submitted: auto-replied' });
    expect(detectAutoReply(h({ 'auto-submitted': 'no' }), [])).toBeUndefined();
    expect(detectAutoReply(h({ precedence: 'Bulk' }), [])).toEqual({ reason: 'precedence: bulk' });
    expect(detectAutoReply(h({ precedence: 'first-class' }), [])).toBeUndefined();
    expect(detectAutoReply(h({ 'x-autoreply': '' }), [])).toEqual({ reason: 'x_autoreply' });
    expect(detectAutoReply(h({ 'x-autorespond': 'yes' }), [])).toEqual({ reason: 'x_autorespond' });
    expect(detectAutoReply(h({ 'content-type': 'text/plain', subject: 'Auto: out of office' }), [status('Action: failed\n')])).toBeUndefined();
  });
});
