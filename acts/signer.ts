import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { ConfigError } from '../platform/config-error';

/** Signs an act's PDF. Pluggable: a CMS signer from a PKCS#12 file first; a token or HSM signer can follow. */
export interface ActSigner {
  /** What `destruction_acts.signature_format` records. */
  readonly format: 'cms-detached';
  /** Who signs, for the register (the certificate's subject common name). */
  readonly signedBy: string;
  /** A detached signature over exactly these bytes (DER). */
  sign(data: Buffer): Buffer;
}

/**
 * A detached CMS/PKCS#7 SignedData (SHA-256) from a PKCS#12 file, with node-forge: the certificate is embedded
 * so a verifier needs only the PDF and the .p7s. Signing time is an authenticated attribute.
 */
export function p12Signer(p12: Buffer, password: string): ActSigner {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  const pkcs12 = forge.pkcs12.pkcs12FromAsn1(asn1, password);
  const key = pkcs12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0]?.key
    ?? pkcs12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!]?.[0]?.key;
  const certificate = pkcs12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]?.[0]?.cert;
  if (!key || !certificate) throw new Error('the PKCS#12 file holds no private key and certificate');
  // node-forge parses UTF8String names as raw UTF-8 bytes but encodes them again when it writes the signer's
  // issuer: decode them first, or a Cyrillic issuer would not match the embedded certificate.
  const decoded = (attrs: forge.pki.CertificateField[]) => attrs.map((a) =>
    (a.valueTagClass === (forge.asn1.Type.UTF8 as number) && typeof a.value === 'string' ? { ...a, value: forge.util.decodeUtf8(a.value) } : a));
  const signerId = { ...certificate, issuer: { ...certificate.issuer, attributes: decoded(certificate.issuer.attributes) } } as forge.pki.Certificate;
  const cn = decoded(certificate.subject.attributes).find((a) => a.shortName === 'CN' || a.name === 'commonName');
  const signedBy = String(cn?.value ?? decoded(certificate.subject.attributes).map((a) => a.value).join(', '));
  return {
    format: 'cms-detached',
    signedBy,
    sign(data) {
      const p7 = forge.pkcs7.createSignedData();
      p7.content = forge.util.createBuffer(data.toString('binary'));
      p7.addCertificate(certificate);
      p7.addSigner({
        key, certificate: signerId, digestAlgorithm: forge.pki.oids.sha256!,
        authenticatedAttributes: [
          { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
          { type: forge.pki.oids.messageDigest! },
          { type: forge.pki.oids.signingTime! },
        ],
      });
      p7.sign({ detached: true });
      return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
    },
  };
}

/** DSAR_ACT_SIGNER_P12 + DSAR_ACT_SIGNER_PASSWORD_FILE, checked at start-up; none set: acts are not signed. */
export function actSignerFromEnv(env: NodeJS.ProcessEnv, readFile: (p: string) => Buffer = (p) => readFileSync(p)): ActSigner | undefined {
  const file = env.DSAR_ACT_SIGNER_P12;
  const passwordFile = env.DSAR_ACT_SIGNER_PASSWORD_FILE;
  if (!file && !passwordFile) return undefined;
  if (!file) throw new ConfigError('DSAR_ACT_SIGNER_PASSWORD_FILE is set without DSAR_ACT_SIGNER_P12: set both (the PKCS#12 file and its password) or neither.');
  const read = (p: string, what: string) => {
    try {
      return readFile(p);
    } catch (err) {
      throw new ConfigError(`${what}=${p} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): point it at ${what === 'DSAR_ACT_SIGNER_P12' ? 'the signer\'s PKCS#12 (.p12/.pfx) file' : 'a file holding the PKCS#12 password'}.`);
    }
  };
  const password = passwordFile ? read(passwordFile, 'DSAR_ACT_SIGNER_PASSWORD_FILE').toString('utf8').replace(/\r?\n$/, '') : '';
  try {
    return p12Signer(read(file, 'DSAR_ACT_SIGNER_P12'), password);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`DSAR_ACT_SIGNER_P12=${file} cannot be opened (${(err as Error).message}): check the file and DSAR_ACT_SIGNER_PASSWORD_FILE.`);
  }
}
