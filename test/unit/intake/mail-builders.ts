/** Builders for messages the tests make on the fly (large, deep, hostile), beside the committed .eml fixtures. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.join(__dirname, '../../fixtures/mail');
export const OPERATOR = { operatorDomains: ['wellengineering.ru'] };

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

export function crlf(text: string): Buffer {
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
}

const HEAD = 'From: ivan@example.ru\nTo: wellpro@wellengineering.ru\nSubject: test\nMIME-Version: 1.0\n';

/** A message with one base64 attachment of the given bytes. */
export function withAttachment(content: Buffer, filename = 'scan.pdf', type = 'application/pdf'): Buffer {
  return Buffer.concat([
    crlf(`${HEAD}Content-Type: multipart/mixed; boundary="a"\n\n--a\nContent-Type: text/plain\n\nPlease delete my data.\n--a\nContent-Type: ${type}; name="${filename}"\nContent-Disposition: attachment; filename="${filename}"\nContent-Transfer-Encoding: base64\n\n`),
    Buffer.from(content.toString('base64').replace(/.{76}/g, '$&\r\n')),
    crlf('\n--a--\n'),
  ]);
}

/** multipart/mixed nested `depth` levels deep, the innermost part a text. */
export function nested(depth: number): Buffer {
  let body = 'Content-Type: text/plain\n\ninnermost text\n';
  for (let i = depth; i > 0; i--) body = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${body}--b${i}--\n`;
  return crlf(`From: ivan@example.ru\nTo: wellpro@wellengineering.ru\nSubject: deep\nMIME-Version: 1.0\n${body}`);
}

/** message/rfc822 inside message/rfc822, `depth` times. */
export function nestedMessages(depth: number): Buffer {
  let inner = 'From: x@example.ru\nSubject: inner\n\ninnermost text\n';
  for (let i = 0; i < depth; i++) inner = `From: x${i}@example.ru\nSubject: level ${i}\nContent-Type: message/rfc822\n\n${inner}`;
  return crlf(inner);
}

/** A plain message with the given extra headers and body. */
export function plain(headers: string, body: string): Buffer {
  return crlf(`${HEAD}${headers}Content-Type: text/plain; charset=utf-8\n\n${body}`);
}
