import Ajv, { type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import isEmail from 'validator/lib/isEmail';

/**
 * Our own validator compilers. Fastify's default Ajv coerces types (`"name": 1` became "1", `null`
 * became ""), which hides client bugs and stores what nobody sent: bodies are validated as they are.
 * Querystring, params and headers arrive as strings; routes declare them as strings with a format or
 * pattern, so nothing needs converting — coercion stays on there only so that a route declaring an
 * integer query field keeps working (digits-only fields should use a format, see `page-size`).
 */

/** A format: the check, and what the client must send instead (the 400 message). */
interface Format { validate: (value: string) => boolean; hint: string }

// \p{Cc}: control characters (incl. NUL, which PostgreSQL text cannot store); \p{Cs}: lone surrogates,
// which JSON allows but UTF-8 cannot carry (they would be stored as U+FFFD, silently changed).
const CONTROL_OR_SURROGATE = /[\p{Cc}\p{Cs}]/u;
const CONTROL_EXCEPT_LINES = /[\p{Cs}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const INVISIBLE_OR_SPACE = /[\p{C}\p{Z}\s]/u;
const PAGE_SIZE = /^(?:[1-9][0-9]?|1[0-9]{2}|200)$/;

const FORMATS: Record<string, Format> = {
  // validator's isEmail accepts internationalised addresses (RFC 6531: иван@пример.рф) and refuses
  // garbage; it lets invisible characters through in the local part, so those are refused first.
  email: {
    validate: (s) => !INVISIBLE_OR_SPACE.test(s)
      && isEmail(s, { allow_utf8_local_part: true, require_tld: true, allow_ip_domain: false, allow_display_name: false }),
    hint: 'must be an e-mail address such as ivan@example.ru or иван@пример.рф',
  },
  // A name of spaces or zero-width characters identifies nobody; nothing is stripped, the name is kept as given.
  'person-name': {
    validate: (s) => LETTER.test(s) && !CONTROL_OR_SURROGATE.test(s),
    hint: 'must contain at least one letter and no control characters',
  },
  // Free text for the audit trail: line breaks and tabs are fine, blank or invisible text is not.
  'free-text': {
    validate: (s) => LETTER_OR_DIGIT.test(s) && !CONTROL_EXCEPT_LINES.test(s),
    hint: 'must contain at least one letter or digit and no control characters other than line breaks and tabs',
  },
  'page-size': {
    validate: (s) => PAGE_SIZE.test(s),
    hint: 'must be a whole number from 1 to 200, digits only',
  },
};

const STANDARD_HINTS: Record<string, string> = {
  'date-time': 'must be an ISO 8601 instant with offset, such as 2025-10-24T10:00:00+03:00',
  date: 'must be a date YYYY-MM-DD',
};

/** The message for a failed `format` keyword: what to send instead. */
export function formatHint(format: string): string {
  return FORMATS[format]?.hint ?? STANDARD_HINTS[format] ?? `must be a valid ${format}`;
}

function createAjv(options: Options): Ajv {
  // Unknown fields are rejected (removeAdditional: false), not silently dropped.
  // discriminator: action bodies are one schema per action, chosen by their `action` field (clear errors, OpenAPI-friendly).
  const ajv = new Ajv({ removeAdditional: false, useDefaults: true, allErrors: true, discriminator: true, ...options });
  addFormats(ajv);
  for (const [name, { validate }] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  return ajv;
}

const bodyAjv = createAjv({ coerceTypes: false });
const stringPartsAjv = createAjv({ coerceTypes: true });

/** Bodies: no coercion. Querystring, params and headers: strings, see above. */
export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : stringPartsAjv).compile(schema as object) as ValidateFunction;
