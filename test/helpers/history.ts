import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../platform/payload-codec';

/** Every payload anywhere in a value (history events, failures, update requests), found by shape. */
export function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return found;
  const v = value as Record<string, unknown>;
  if (v.data instanceof Uint8Array && v.metadata && typeof v.metadata === 'object') found.push(v as Payload);
  for (const child of Object.values(v)) payloadsIn(child, found);
  return found;
}

/** A case's raw history as the Temporal server stores it, its payloads, and the same payloads decoded. */
export async function storedHistory(client: Client, workflowId: string, payloadKey: Buffer) {
  const raw = await client.workflowService.getWorkflowExecutionHistory({ namespace: 'dsar', execution: { workflowId } });
  const events = raw.history?.events ?? [];
  // Search attributes are stored readable by design (they hold no personal data: workflows/search-attributes.ts).
  const searchAttributes = payloadsIn(events.map((e) => [e.upsertWorkflowSearchAttributesEventAttributes, e.workflowExecutionStartedEventAttributes?.searchAttributes]));
  const payloads = payloadsIn(events).filter((p) => !searchAttributes.includes(p));
  const decoded = await new EncryptionCodec(payloadKey).decode(payloads);
  const text = (ps: Payload[]) => ps.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
  return { events, payloads, searchAttributes, storedText: text([...payloads, ...searchAttributes]), decodedText: text(decoded) };
}
