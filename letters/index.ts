/**
 * Letters: templates, rendering and the outbox. The narrow interface the workflow's activities call:
 * queue a letter (rendered and stored once per dedupe key), then send it (at most once without an officer, ADR 008).
 * The workflow itself imports only `letters/kinds` (pure).
 */
export * from './kinds';
export { createLetterRenderer, verifyTemplates, LetterTemplateError, SHIPPED_TEMPLATES_DIR, type LetterRenderer, type RenderedLetter } from './render';
export { queueLetter, letterMessageId, getLetter, caseLetters, queuedLetterIds, lettersWithStatus, LETTER_STATUSES, type QueueLetterInput, type LetterRow, type LetterStatus } from './outbox';
export { nextAttemptStep, resendRefusal, type AttemptStep } from './attempt';
export { sendQueuedLetter, resendUnconfirmedLetter, sendAllQueued, LetterRejected, LetterSendFailed, LetterNotFound, LetterNotResendable, type SendOutcome, type SendQueuedSummary } from './send';
export { createSmtpTransport } from './smtp';
export { SAMPLE_LETTER_DATA } from './samples';
