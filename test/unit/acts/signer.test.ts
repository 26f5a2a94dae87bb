import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { p12Signer } from '../../../acts/p12-signer';
import { actSignerFromEnv } from '../../../acts/signer';
import { ConfigError } from '../../../platform/config-error';
import { throwAwayP12, verifyDetachedCms } from '../../helpers/acts';

const { p12, certificate } = throwAwayP12('s3cret');
const pdf = Buffer.from('%PDF-1.3 a stand-in for an act\n');

describe('the PKCS#12 CMS signer', () => {
  // Opened inside each test, not when the file loads: a mutant (Stryker) is active only in tests.
  const open = () => p12Signer(p12, 's3cret');

  it('signs the bytes with a detached CMS signature that verifies with the certificate inside it', () => {
    const signer = open();
    const signature = signer.sign(pdf);
    const cert = verifyDetachedCms(signature, pdf);
    expect(forgeFingerprint(cert)).toBe(forgeFingerprint(certificate));
    expect(signer).toMatchObject({ format: 'cms-detached', signedBy: 'Смирнов Алексей Игоревич' });
    // Detached: the PDF itself is not inside the signature.
    expect(signature.includes(pdf)).toBe(false);
  });

  it('does not verify over other bytes', () => {
    const signature = open().sign(pdf);
    expect(() => verifyDetachedCms(signature, Buffer.concat([pdf, Buffer.from(' ')]))).toThrow(/messageDigest/);
  });

  it('is a CMS signature OpenSSL accepts too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dsar-cms-'));
    writeFileSync(path.join(dir, 'act.pdf'), pdf);
    writeFileSync(path.join(dir, 'act.p7s'), open().sign(pdf));
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-noverify', '-inform', 'DER', '-in', path.join(dir, 'act.p7s'), '-content', path.join(dir, 'act.pdf'), '-out', '/dev/null'], { encoding: 'utf8' });
    expect(r.stderr).toContain('Verification successful');
  });
});

describe('DSAR_ACT_SIGNER_P12', () => {
  const files: Record<string, Buffer> = { '/keys/act.p12': p12, '/keys/password': Buffer.from('s3cret\n') };
  const read = (p: string) => {
    const f = files[p];
    if (!f) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    return f;
  };

  it('is optional: unset, acts are unsigned', () => {
    expect(actSignerFromEnv({}, read)).toBeUndefined();
  });

  it('opens the file with the password from the password file', () => {
    expect(actSignerFromEnv({ DSAR_ACT_SIGNER_P12: '/keys/act.p12', DSAR_ACT_SIGNER_PASSWORD_FILE: '/keys/password' }, read)?.signedBy).toBe('Смирнов Алексей Игоревич');
  });

  it('is refused at start-up with a message saying what to fix', () => {
    expect(() => actSignerFromEnv({ DSAR_ACT_SIGNER_PASSWORD_FILE: '/keys/password' }, read)).toThrow(/set both/);
    expect(() => actSignerFromEnv({ DSAR_ACT_SIGNER_P12: '/keys/missing.p12', DSAR_ACT_SIGNER_PASSWORD_FILE: '/keys/password' }, read)).toThrow(/DSAR_ACT_SIGNER_P12=\/keys\/missing.p12 cannot be read \(ENOENT\)/);
    files['/keys/wrong'] = Buffer.from('wrong');
    const wrong = () => actSignerFromEnv({ DSAR_ACT_SIGNER_P12: '/keys/act.p12', DSAR_ACT_SIGNER_PASSWORD_FILE: '/keys/wrong' }, read);
    expect(wrong).toThrow(ConfigError);
    expect(wrong).toThrow(/cannot be opened.*DSAR_ACT_SIGNER_PASSWORD_FILE/);
  });
});

import forge from 'node-forge';
function forgeFingerprint(cert: forge.pki.Certificate): string {
  return forge.md.sha256.create().update(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes()).digest().toHex();
}

/** A PKCS#12 as other tools may write them: without a common name, or without a key. */
function p12Of(opts: { attrs: forge.pki.CertificateField[]; password: string | null; withKey?: boolean }): Buffer {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '02';
  cert.setSubject(opts.attrs);
  cert.setIssuer(opts.attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(opts.withKey === false ? null : keys.privateKey, [cert], opts.password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

describe('PKCS#12 files from other tools', () => {
  it('names the signer by the subject\'s fields when the certificate has no common name', () => {
    const signer = p12Signer(p12Of({ attrs: [{ name: 'organizationName', value: 'WellPRO' }, { name: 'countryName', value: 'RU' }], password: 'pw' }), 'pw');
    expect(signer.signedBy).toBe('WellPRO, RU');
    verifyDetachedCms(signer.sign(pdf), pdf);
  });

  it('refuses a file with a certificate but no key, at start-up', () => {
    const files: Record<string, Buffer> = { '/keys/cert-only.p12': p12Of({ attrs: [{ name: 'commonName', value: 'X' }], password: '', withKey: false }) };
    expect(() => actSignerFromEnv({ DSAR_ACT_SIGNER_P12: '/keys/cert-only.p12' }, (p) => files[p]!))
      .toThrow('DSAR_ACT_SIGNER_P12=/keys/cert-only.p12 cannot be opened (the PKCS#12 file holds no private key and certificate): check the file and DSAR_ACT_SIGNER_PASSWORD_FILE.');
  });
});

describe('DSAR_ACT_SIGNER_PASSWORD_FILE', () => {
  it('takes the password without its Windows line end', () => {
    const withPassword = { '/k.p12': p12, '/pw': Buffer.from('s3cret\r\n') } as Record<string, Buffer>;
    expect(actSignerFromEnv({ DSAR_ACT_SIGNER_P12: '/k.p12', DSAR_ACT_SIGNER_PASSWORD_FILE: '/pw' }, (p) => withPassword[p]!)?.signedBy).toBe('Смирнов Алексей Игоревич');
  });

  it('says which file cannot be read and what it should hold', () => {
    const read = (p: string) => {
      if (p === '/k.p12') return p12;
      throw new Error('unreadable, no code');
    };
    expect(() => actSignerFromEnv({ DSAR_ACT_SIGNER_P12: '/k.p12', DSAR_ACT_SIGNER_PASSWORD_FILE: '/gone' }, read))
      .toThrow('DSAR_ACT_SIGNER_PASSWORD_FILE=/gone cannot be read (error): point it at a file holding the PKCS#12 password.');
    expect(() => actSignerFromEnv({ DSAR_ACT_SIGNER_P12: '/gone.p12' }, read))
      .toThrow('DSAR_ACT_SIGNER_P12=/gone.p12 cannot be read (error): point it at the signer\'s PKCS#12 (.p12/.pfx) file.');
  });
});
