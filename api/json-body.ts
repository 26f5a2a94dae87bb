import { parse as parseContentType } from 'content-type';
import type { FastifyInstance } from 'fastify';
import { parse as parseJson } from 'secure-json-parse';
import { duplicateKey } from './duplicate-keys';
import { AppError } from './errors';

/** Labels that name UTF-8 (WHATWG Encoding); anything else would be decoded wrongly as UTF-8. */
const UTF8 = new Set(['utf-8', 'utf8']);
/** Malformed bytes are refused, not replaced by U+FFFD: nothing in a request is changed silently. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The API speaks JSON only. The body is decoded as UTF-8, so a client announcing another charset
 * (windows-1251 from an old 1C export) is refused instead of being stored as mojibake; keys that
 * could reach an object's prototype (`__proto__`, `constructor.prototype`) are refused, not dropped, and so
 * is a key given twice in one object (JSON.parse would keep the last one silently).
 * Every other media type is answered 415 `unsupported_media_type` by Fastify.
 */
export function acceptJsonOnly(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    const charset = parseContentType(request.headers['content-type'] ?? '').parameters.charset;
    if (charset !== undefined && !UTF8.has(charset.toLowerCase())) {
      return done(new AppError(415, 'unsupported_charset', `The body is declared as charset "${charset.slice(0, 40)}"; send it as UTF-8 ("content-type: application/json; charset=utf-8", or no charset).`), undefined);
    }
    let body: string;
    try {
      body = strictUtf8.decode(raw as Buffer);
    } catch {
      return done(new AppError(400, 'invalid_encoding', 'The body is not valid UTF-8: encode the text as UTF-8.'), undefined);
    }
    if (body === '') {
      return done(new AppError(400, 'empty_body', 'The body is empty but content-type says JSON: send a JSON object.'), undefined);
    }
    let parsed: unknown;
    try {
      parsed = parseJson(body, null, { protoAction: 'error', constructorAction: 'error' });
    } catch (err) {
      if (/forbidden prototype property/.test((err as Error).message)) {
        return done(new AppError(400, 'forbidden_key', 'The body contains a "__proto__" or "constructor.prototype" key: remove it.'), undefined);
      }
      return done(new AppError(400, 'invalid_json', 'The body is not valid JSON: check quotes, commas and brackets, and send UTF-8 text.'), undefined);
    }
    const twice = duplicateKey(body);
    if (twice !== undefined) {
      const shown = JSON.stringify(twice.length > 60 ? `${twice.slice(0, 60)}…` : twice);
      return done(new AppError(400, 'duplicate_json_key', `The body has the key ${shown} twice in one object: send each field once.`), undefined);
    }
    done(null, parsed);
  });
}
