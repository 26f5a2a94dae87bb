/**
 * The two ways a received message is refused by the parser. Both carry a stable `code` so intake can record
 * the rejection (and the API answer it) without matching on message text.
 */

/** The raw message is above the whole-message limit: refused before any parsing, so its size costs nothing. */
export class MessageTooLarge extends Error {
  readonly code = 'message_too_large';
  constructor(
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`The message is ${sizeBytes} bytes, above the limit of ${limitBytes} bytes; ask the sender to split it or raise the limit.`);
    this.name = 'MessageTooLarge';
  }
}

/** Why a message could not be read within the parser's limits. */
export type UnreadableReason =
  | 'empty'
  | 'nesting_too_deep'
  | 'headers_too_large'
  | 'too_many_parts'
  | 'too_complex'
  | 'time_budget_exceeded'
  | 'parser_error';

/** The message could not be parsed within the limits (depth, header size, time): it is recorded, never retried. */
export class MessageUnreadable extends Error {
  readonly code = 'message_unreadable';
  constructor(
    readonly reason: UnreadableReason,
    detail: string,
  ) {
    super(`The message cannot be read (${reason}): ${detail}`);
    this.name = 'MessageUnreadable';
  }
}

/**
 * An upload whose day 0 nobody can vouch for: no `Received:` header of the operator's own mail server and no date
 * stated by an officer. Refused before anything is recorded: the upload time is never a letter's day 0.
 */
export class ReceivedAtRequired extends Error {
  readonly code = 'received_at_required';
  constructor() {
    super('The message carries no Received: header from the operator\'s own mail server (INTAKE_RECEIVED_HOSTS), so when the operator received it is unknown: '
      + 'an officer uploads it again with ?receivedAt=<ISO date-time> saying when it arrived (recorded in the audit log under their name).');
    this.name = 'ReceivedAtRequired';
  }
}
