const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

type Failure = { code?: unknown; cause?: unknown };

/**
 * Why Temporal did not take a start, when the reason is that it is away (the client wraps gRPC errors):
 * a short label for the opening's `last_error` and the log, never a payload. Undefined for any other error.
 */
export function temporalUnavailable(err: unknown): string | undefined {
  for (let e = err as Failure | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as Failure | undefined, depth += 1) {
    if (e.code === GRPC_DEADLINE_EXCEEDED) return 'temporal_timeout: Temporal did not answer the start in time';
    if (e.code === GRPC_UNAVAILABLE) return 'temporal_unavailable: Temporal could not be reached';
  }
  return undefined;
}
