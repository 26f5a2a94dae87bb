import type { LetterStatus } from './outbox';

/**
 * What one attempt at a letter does, from the outbox row alone (ADR 008). Pure, so every state is unit-tested.
 *
 * An attempt is marked (`sending_since`, committed) before the SMTP conversation and cleared by every recorded
 * outcome. Finding the mark still set means an earlier attempt died between handing the letter over and recording
 * what the server said: the server may already have it. Sending again could deliver it twice, so the letter turns
 * `unconfirmed` and waits for an officer, who checks the mail server's log and resends it explicitly.
 */
export type AttemptStep =
  | 'already_sent'
  | 'refused_earlier'
  | 'awaiting_officer' // unconfirmed: only `dsar letters resend` sends it again
  | 'mark_unconfirmed' // an earlier attempt has no recorded outcome
  | 'smtp_not_configured'
  | 'send';

export interface AttemptState { status: LetterStatus; sendingSince: Date | null }

export function nextAttemptStep(letter: AttemptState, smtpConfigured: boolean): AttemptStep {
  switch (letter.status) {
    case 'sent': return 'already_sent';
    case 'failed_permanently': return 'refused_earlier';
    case 'unconfirmed': return 'awaiting_officer';
    case 'queued':
      // Checked before SMTP settings: the open attempt is a fact about the past, whatever the settings are now.
      if (letter.sendingSince !== null) return 'mark_unconfirmed';
      return smtpConfigured ? 'send' : 'smtp_not_configured';
  }
}

/** `dsar letters resend` is for unconfirmed letters only; the message says what to do with the others. */
export function resendRefusal(status: LetterStatus): string | undefined {
  switch (status) {
    case 'unconfirmed': return undefined;
    case 'sent': return 'it was sent and the server accepted it; nothing to resend';
    case 'queued': return 'it is still queued: the worker sends it, or `npx dsar letters send-queued` does';
    case 'failed_permanently': return 'the server refused it for good (see lastError); fix the address and send a new letter';
  }
}
