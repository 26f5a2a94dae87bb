import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';

const ENCODING = 'binary/encrypted';
const CIPHER = 'aes-256-gcm';

/**
 * Encrypts every payload (workflow input, activity arguments and results, update arguments, and
 * failure messages) before it reaches Temporal, so the subject's personal data never sits in plain
 * text in workflow history or the Temporal UI. AES-256-GCM with a random 12-byte IV per payload;
 * `key-id` (a hash prefix of the key) lets a reader tell which key a payload needs after rotation.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly keyId: string;

  constructor(private readonly key: Buffer) {
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv(CIPHER, this.key, iv);
      const plain = Buffer.from(JSON.stringify({ metadata: b64map(payload.metadata), data: b64(payload.data) }));
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCODING), 'key-id': Buffer.from(this.keyId) },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (Buffer.from(payload.metadata?.[METADATA_ENCODING_KEY] ?? []).toString() !== ENCODING) return payload;
      const keyId = Buffer.from(payload.metadata?.['key-id'] ?? []).toString();
      if (keyId !== this.keyId) throw new Error(`payload was encrypted with key ${keyId}, this process has key ${this.keyId}`);
      const buf = Buffer.from(payload.data ?? []);
      const decipher = createDecipheriv(CIPHER, this.key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(buf.length - 16));
      const plain = Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]);
      const inner = JSON.parse(plain.toString()) as { metadata: Record<string, string>; data: string };
      return { metadata: unb64map(inner.metadata), data: Buffer.from(inner.data, 'base64') };
    });
  }
}

const b64 = (u?: Uint8Array | null) => Buffer.from(u ?? []).toString('base64');
const b64map = (m?: Record<string, Uint8Array> | null) =>
  Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, b64(v)]));
const unb64map = (m: Record<string, string>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]));
