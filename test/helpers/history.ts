import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
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

/** Every run of a workflow, oldest first: from the latest run back through continue-as-new. */
async function runHistories(client: Client, workflowId: string) {
  const runs: Array<NonNullable<Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events']>> = [];
  for (let runId: string | undefined; ;) {
    const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    runs.unshift(events);
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    if (!runId) return runs;
  }
}

/**
 * The decoded input of each time the workflow scheduled `activityType`, across its runs, in order. A retry of one
 * scheduled activity is not counted again; an activity the workflow called twice is, even when a UNIQUE key in
 * PostgreSQL absorbs the second row. This is where "once" is counted.
 */
export async function scheduledActivityInputs(client: Client, workflowId: string, activityType: string, payloadKey: Buffer): Promise<unknown[]> {
  const codec = new EncryptionCodec(payloadKey);
  const inputs: unknown[] = [];
  for (const events of await runHistories(client, workflowId)) {
    for (const e of events) {
      const scheduled = e.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== activityType) continue;
      const [payload] = await codec.decode((scheduled.input?.payloads ?? []) as Payload[]);
      inputs.push(defaultPayloadConverter.fromPayload(payload!));
    }
  }
  return inputs;
}

/** Each reminder or escalation the case workflow fired (recordReminder scheduled), as `term:reminder`, in order. */
export async function reminderFirings(client: Client, workflowId: string, payloadKey: Buffer): Promise<string[]> {
  return (await scheduledActivityInputs(client, workflowId, 'recordReminder', payloadKey))
    .map((i) => { const r = i as { termKey: string; reminder: { key: string } }; return `${r.termKey}:${r.reminder.key}`; });
}

/** The entries that occur more than once (each listed once): [] when everything happened once. */
export const repeated = (keys: readonly string[]) => [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
