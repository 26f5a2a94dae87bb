/**
 * Letters: templates, rendering and the outbox. The narrow interface the workflow's activities call:
 * queue a letter (rendered and stored once per dedupe key), then send it (at least once, same Message-ID).
 * The workflow itself imports only `letters/kinds` (pure).
 */
export * from './kinds';
export { createLetterRenderer, verifyTemplates, LetterTemplateError, SHIPPED_TEMPLATES_DIR, type LetterRenderer, type RenderedLetter } from './render';
export { queueLetter, letterMessageId, getLetter, caseLetters, queuedLetterIds, type QueueLetterInput, type LetterRow } from './outbox';
export { sendQueuedLetter, sendAllQueued, LetterRejected, LetterSendFailed, LetterNotFound, type SendOutcome, type SendQueuedSummary } from './send';
export { createSmtpTransport } from './smtp';
export { SAMPLE_LETTER_DATA } from './samples';
