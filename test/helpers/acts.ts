import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { ActInput } from '../../acts/act-data';
import type { AuditEventRow } from '../../acts/log-extract';
import { DEFAULT_OPERATOR_PROFILE, loadOperatorProfile } from '../../operator/profile';
import { DEFAULT_SYSTEMS_FILE, loadSystemsRegistry, parseSystemsRegistry, type SystemsRegistry } from '../../operator/systems';

export const wellpro = loadOperatorProfile(DEFAULT_OPERATOR_PROFILE);

/** WellPRO's registry plus a hosting processor and a paper archive: every Order 179 p.3 field has something to show. */
export function testRegistry(): SystemsRegistry {
  const base = loadSystemsRegistry(DEFAULT_SYSTEMS_FILE);
  return parseSystemsRegistry({
    systems: [
      ...base.systems.map((s) => (s.id === 'hosting-backups' ? { ...s, processor: { name: 'ООО «ХостПро»', address: 'г. Москва, ул. Тестовая, д. 1' } } : s)),
      {
        id: 'paper-archive', name: { ru: 'Бумажный архив обращений', en: 'Paper archive of requests' }, categories: ['фамилия, имя, отчество', 'подпись'],
        owner: { name: 'Офис-менеджер', position: 'офис-менеджер', email: 'mail@wellengineering.ru' },
        destructionMethod: { ru: 'измельчение в шредере', en: 'shredding' }, automated: false,
      },
    ],
  }, 'test registry');
}

export const actInput = (caseId: string, over: Partial<ActInput> = {}): ActInput => ({
  caseId,
  subject: { name: 'Иванова Мария Петровна', email: 'maria@example.ru' },
  destroyedBy: [{ name: 'Смирнов Алексей Игоревич', position: 'системный администратор' }],
  systems: [{ id: 'crm' }, { id: 'hosting-backups' }, { id: 'paper-archive', sheets: 3 }],
  reason: {
    text: { ru: 'требование субъекта об уничтожении персональных данных', en: 'the subject\'s demand to destroy the personal data' },
    legalBasis: 'ч. 3 ст. 20 Федерального закона № 152-ФЗ',
    request: { number: caseId, date: '2026-03-02' },
  },
  destroyedOn: '2026-03-10',
  ...over,
});

/** The case's audit events as the case workflow writes them: one `confirm_destruction` with its facts. */
export const destructionEvents = (caseId: string): AuditEventRow[] => [
  { id: '1', chainSeq: '1', at: '2026-03-02T09:00:00.000Z', actor: 'intake', action: 'case.opened', data: {} },
  // Row ids and chain numbers differ in a real log (ids of rolled-back inserts are skipped): the act cites the chain's.
  { id: '7', chainSeq: '4', at: '2026-03-10T12:00:00.000Z', actor: 'officer:smirnov', action: 'case.confirm_destruction', data: {
    step: 'destroying', what: 'фамилия, имя, отчество; адрес электронной почты', method: 'deletion', destroyedAt: '2026-03-10T11:45:00.000Z', caseId,
  } },
];

/** `pdftotext` (poppler-utils) over PDF bytes: what a reader of the act sees. */
export function pdfText(pdf: Buffer): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed (${r.error?.message ?? r.stderr}); install poppler-utils`);
  return r.stdout.replace(/\s+/g, ' ');
}

/** A throw-away PKCS#12 (RSA-2048, self-signed) made with node-forge. */
export function throwAwayP12(password: string, commonName = 'Смирнов Алексей Игоревич'): { p12: Buffer; certificate: forge.pki.Certificate } {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  certificate.validity.notAfter = new Date('2031-01-01T00:00:00Z');
  const attrs = [{ name: 'commonName', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as unknown as number }];
  certificate.setSubject(attrs);
  certificate.setIssuer(attrs);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [certificate], password, { algorithm: '3des' });
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), certificate };
}

/**
 * Verifies a detached CMS SignedData over `data` with node-forge (whose pkcs7 has no verify): the
 * messageDigest attribute must be the data's SHA-256, and the signature must verify over the DER of the
 * authenticated attributes with the embedded certificate's key. Returns the signer's certificate.
 */
export function verifyDetachedCms(signature: Buffer, data: Buffer): forge.pki.Certificate {
  const msg = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(signature.toString('binary')))) as forge.pkcs7.PkcsSignedData & {
    rawCapture: { signerInfos: forge.asn1.Asn1[] };
  };
  const cert = msg.certificates[0];
  if (!cert) throw new Error('no certificate in the signature');
  const signerInfo = msg.rawCapture.signerInfos[0]!.value as forge.asn1.Asn1[];
  const authAttrs = signerInfo.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0)!;
  const signatureValue = (signerInfo[signerInfo.length - 1]!.value as string);
  const attrs = authAttrs.value as forge.asn1.Asn1[];
  const digestAttr = attrs.find((a) => forge.asn1.derToOid((a.value as forge.asn1.Asn1[])[0]!.value as string) === forge.pki.oids.messageDigest);
  const digest = ((digestAttr!.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!.value as string;
  if (Buffer.from(digest, 'binary').toString('hex') !== createHash('sha256').update(data).digest('hex')) throw new Error('messageDigest does not match the data');
  const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
  const md = forge.md.sha256.create().update(forge.asn1.toDer(set).getBytes());
  if (!(cert.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().bytes(), signatureValue)) throw new Error('signature does not verify');
  return cert;
}
