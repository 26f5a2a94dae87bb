import forge from 'node-forge';
import type { ActSigner } from './signer';

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
