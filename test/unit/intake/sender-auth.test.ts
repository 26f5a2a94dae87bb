import { describe, expect, it } from 'vitest';
import { aligned, senderAuth } from '../../../intake/sender-auth';
import { crlf } from './mail-builders';

const OURS = { authservId: 'mx.wellengineering.ru', operatorDomains: ['wellengineering.ru'] };
const mail = (headers: string, from = 'ivan@example.ru') =>
  crlf(`${headers}From: ${from}\nTo: wellpro@wellengineering.ru\nSubject: test\n\nУдалите мои данные.\n`);

describe('senderAuth', () => {
  it('reads SPF, every DKIM result and DMARC from our own server\'s header, folded over lines and with comments', () => {
    const raw = mail('Authentication-Results: mx.wellengineering.ru (Postfix);\n\tspf=pass (sender IP is 192.0.2.1) smtp.mailfrom=bounce@example.ru;\n'
      + '\tdkim=fail header.d=other.ru header.s=s1;\n dkim=pass header.d=example.ru header.s="sel 2";\n\tdmarc=pass (p=reject) header.from=example.ru\n');
    expect(senderAuth(raw, 'ivan@example.ru', OURS)).toEqual({
      status: 'checked', spf: { result: 'pass', domain: 'example.ru' },
      dkim: [{ result: 'fail', domain: 'other.ru' }, { result: 'pass', domain: 'example.ru' }],
      dmarc: { result: 'pass', domain: 'example.ru' }, ownDomain: false, ownDomainUnverified: false,
    });
  });

  it('takes only the topmost header of ours: a "pass" the sender wrote below it is ignored', () => {
    const raw = mail('Authentication-Results: mx.wellengineering.ru; spf=fail smtp.mailfrom=wellengineering.ru; dkim=none; dmarc=fail header.from=wellengineering.ru\n'
      + 'Authentication-Results: mx.wellengineering.ru; spf=pass smtp.mailfrom=wellengineering.ru; dkim=pass header.d=wellengineering.ru; dmarc=pass header.from=wellengineering.ru\n',
    'director@wellengineering.ru');
    const auth = senderAuth(raw, 'director@wellengineering.ru', OURS);
    expect(auth).toMatchObject({ status: 'checked', spf: { result: 'fail' }, dmarc: { result: 'fail' }, ownDomain: true, ownDomainUnverified: true });
  });

  it('ignores headers of another authserv-id, even above ours, and matches ours case-insensitively with a version', () => {
    const raw = mail('Authentication-Results: relay.example.net; dmarc=pass header.from=wellengineering.ru\n'
      + 'Authentication-Results: MX.WellEngineering.RU 1; spf=softfail smtp.mailfrom=wellengineering.ru; dmarc=fail header.from=wellengineering.ru\n');
    expect(senderAuth(raw, 'a@wellengineering.ru', OURS)).toMatchObject({ status: 'checked', dmarc: { result: 'fail' }, spf: { result: 'softfail' }, ownDomainUnverified: true });
  });

  it('says "not checked" without an authserv-id, whatever the headers claim; never a pass', () => {
    const raw = mail('Authentication-Results: mx.wellengineering.ru; dmarc=pass header.from=wellengineering.ru\n');
    expect(senderAuth(raw, 'a@wellengineering.ru', { operatorDomains: ['wellengineering.ru'] }))
      .toEqual({ status: 'not_checked', reason: 'no_authserv_id', spf: null, dkim: [], dmarc: null, ownDomain: true, ownDomainUnverified: false });
  });

  it('does not vouch for an own-domain From when our server left no header on it', () => {
    const raw = mail('Authentication-Results: relay.example.net; dmarc=pass header.from=wellengineering.ru\n');
    expect(senderAuth(raw, 'a@wellengineering.ru', OURS)).toMatchObject({ status: 'not_checked', reason: 'no_header_of_ours', ownDomainUnverified: true });
    expect(senderAuth(raw, 'ivan@example.ru', OURS)).toMatchObject({ status: 'not_checked', ownDomain: false, ownDomainUnverified: false });
  });

  it('accepts an own-domain From on an aligned DKIM or SPF pass, not on a pass for another domain', () => {
    const from = 'hr@mail.wellengineering.ru';
    const dkim = mail('Authentication-Results: mx.wellengineering.ru; spf=fail smtp.mailfrom=x.ru; dkim=pass header.d=wellengineering.ru; dmarc=none\n', from);
    expect(senderAuth(dkim, from, OURS).ownDomainUnverified).toBe(false);
    const spf = mail('Authentication-Results: mx.wellengineering.ru; spf=pass smtp.mailfrom=hr@mail.wellengineering.ru; dkim=none; dmarc=none\n', from);
    expect(senderAuth(spf, from, OURS).ownDomainUnverified).toBe(false);
    const elsewhere = mail('Authentication-Results: mx.wellengineering.ru; spf=pass smtp.mailfrom=evil.ru; dkim=pass header.d=evil.ru; dmarc=pass header.from=evil.ru\n', from);
    expect(senderAuth(elsewhere, from, OURS).ownDomainUnverified).toBe(true);
  });
});

describe('aligned', () => {
  it('is the same domain or a subdomain either way, and never a suffix that is not a label', () => {
    expect(aligned('example.ru', 'example.ru')).toBe(true);
    expect(aligned('mail.example.ru', 'example.ru')).toBe(true);
    expect(aligned('example.ru', 'mail.example.ru')).toBe(true);
    expect(aligned('badexample.ru', 'example.ru')).toBe(false);
    expect(aligned(null, 'example.ru')).toBe(false);
  });
});
