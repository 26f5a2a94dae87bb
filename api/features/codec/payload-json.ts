import type { Payload, PayloadCodec } from '@temporalio/common';

/** A Payload in proto3 JSON: bytes fields (data, each metadata value) are base64 strings. */
export interface PayloadJson {
  metadata?: Record<string, string>;
  data?: string;
}

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const b64 = (u?: Uint8Array | null) => Buffer.from(u ?? []).toString('base64');

export function fromJson(p: PayloadJson): Payload {
  return { metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, bytes(v)])), data: bytes(p.data ?? '') };
}

export function toJson(p: Payload): PayloadJson {
  return { metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(p.data) };
}

/**
 * Decodes payload by payload: one the codec cannot open (another key, damaged) comes back as it was,
 * so a history written before a key change still shows everything else.
 */
export async function decodeEach(codec: PayloadCodec, payloads: Payload[]): Promise<{ payloads: Payload[]; undecodable: number }> {
  let undecodable = 0;
  const decoded = await Promise.all(payloads.map(async (p) => {
    try {
      return (await codec.decode([p]))[0]!;
    } catch {
      undecodable++;
      return p;
    }
  }));
  return { payloads: decoded, undecodable };
}
