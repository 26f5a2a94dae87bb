/**
 * Tables of malformed requests for test/integration/hostile-input.test.ts. Every probe must be refused
 * with a 4xx in the error shape; `code` pins the refusal where the code itself is the behaviour.
 */
export interface Probe {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer | object;
  code?: string;
  status?: number;
}

export const validCase = {
  type: 'access', subject: { name: 'Ivan Petrov', email: 'ivan@example.ru' }, channel: 'email', receivedAt: '2025-10-24T10:00:00+03:00',
};

/** Values no field of ours accepts: wrong JSON types, blanks, invisible or unstorable text, huge strings. */
const WRONG_FOR_ANY_FIELD: Record<string, unknown> = {
  null: null, true: true, false: false, zero: 0, negative: -1, float: 1.5, 'huge number': 1e308, 'unsafe integer': 9223372036854775807,
  'empty array': [], array: ['access'], 'empty object': {}, object: { a: 1 }, 'nested arrays': [[[[[[]]]]]],
  'empty string': '', spaces: '   ', tab: '\t', 'zero-width only': '\u200b\u200c\u200d\ufeff', NUL: '\u0000', 'NUL only string': '\u0000\u0000',
  'lone high surrogate': '\ud800', 'lone low surrogate': '\udc00', 'control char': '\u0007', 'huge string': 'x'.repeat(100_000),
  'deep object': JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`) as unknown,
};

const FIELD_EXTRAS: Record<string, unknown[]> = {
  type: ['ACCESS', 'access ', 'gossip', '__proto__', 'constructor', 'toString'],
  channel: ['EMAIL', 'carrier pigeon', 'hasOwnProperty'],
  receivedAt: ['2025-10-24', '2025-10-24T10:00:00', '2025-13-01T00:00:00Z', '2025-02-30T10:00:00+03:00', 'yesterday', '1e21', 'Infinity',
    '2999-01-01T00:00:00Z', '2025-10-24T10:00:00+03:00\u0000', '+275760-09-13T00:00:00Z', '1900-01-01T00:00:00Z', '2007-01-25T20:59:59Z'],
  name: ['12345', '\u0000Ivan', 'Ivan\u0000Petrov', 'Ivan\u0007Petrov', 'Ivan\ud800', '-- --', '\u00a0\u2003\u3000', '\u202e\u202d', 'x'.repeat(301)],
  email: ['a@b', 'ivan@', '@example.ru', 'a b@example.ru', 'ivan@пример', 'ivan@[127.0.0.1]', 'a\u200b@example.ru', 'ivan@@example.ru',
    'Ivan <ivan@example.ru>', 'ivan@example.ru\n', `${'a'.repeat(320)}@example.ru`, 'ivan@-example.ru', 'ivan@example..ru'],
  action: ['escalate', 'RESPOND', 'delete', '__proto__'],
  note: ['   ', '\u200b', '\u0000', 'ok\u0000', 'answer\u0007', '\ud800', 'x'.repeat(2001), '.', '—'],
};

const withField = (field: string, value: unknown) => {
  if (field === 'name' || field === 'email') return { ...validCase, subject: { ...validCase.subject, [field]: value } };
  return { ...validCase, [field]: value };
};

export function openCaseProbes(): Probe[] {
  const post = (name: string, payload: Probe['payload'], extra: Partial<Probe> = {}): Probe =>
    ({ name: `POST /cases ${name}`, method: 'POST', url: '/api/v1/cases', payload, ...extra });
  const probes: Probe[] = [];
  for (const field of ['type', 'channel', 'receivedAt', 'name', 'email']) {
    for (const [label, value] of Object.entries(WRONG_FOR_ANY_FIELD)) probes.push(post(`${field}: ${label}`, withField(field, value)));
    for (const value of FIELD_EXTRAS[field]!) probes.push(post(`${field}: ${JSON.stringify(value).slice(0, 40)}`, withField(field, value)));
  }
  for (const [label, value] of Object.entries(WRONG_FOR_ANY_FIELD)) probes.push(post(`subject: ${label}`, { ...validCase, subject: value }));
  probes.push(post('"name": 1', withField('name', 1), { code: 'invalid_body' }));
  probes.push(post('"name": null', withField('name', null), { code: 'invalid_body' }));
  for (const field of ['type', 'subject', 'channel', 'receivedAt']) {
    const { [field as 'type']: _dropped, ...rest } = validCase;
    probes.push(post(`missing ${field}`, rest, { code: 'invalid_body' }));
  }
  probes.push(post('missing name', { ...validCase, subject: { email: 'ivan@example.ru' } }, { code: 'invalid_body' }));
  for (const key of ['priority', 'constructor', 'prototype', 'toString', '', ' ', '\u0000', 'a'.repeat(10_000)]) {
    probes.push(post(`unknown field ${JSON.stringify(key).slice(0, 20)}`, { ...validCase, [key]: 1 }, { code: 'unknown_field' }));
  }
  probes.push(post('unknown nested field', { ...validCase, subject: { ...validCase.subject, phone: '+7' } }, { code: 'unknown_field' }));
  probes.push(post('5,000 unknown fields', { ...validCase, ...Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`f${i}`, i])) }, { code: 'unknown_field' }));
  return [...probes, ...rawBodyProbes('/api/v1/cases', 'POST /cases')];
}

/** Bodies as bytes: invalid JSON, prototype keys, wrong media types and charsets, sizes. */
export function rawBodyProbes(url: string, label: string): Probe[] {
  const json = JSON.stringify(validCase);
  const raw = (name: string, payload: string | Buffer, contentType: string | undefined, extra: Partial<Probe> = {}): Probe => ({
    name: `${label} ${name}`, method: 'POST', url, payload, headers: contentType ? { 'content-type': contentType } : {}, ...extra,
  });
  const JSON_TYPE = 'application/json';
  const invalidJson = ['{', '}', '{"type":}', "{'type':'access'}", '{"type":"access",}', 'NaN', 'Infinity', 'undefined', '{"a":1} trailing',
    '{"a":1}{"b":2}', '\u0000', '{"a":"\u0000 raw NUL"}', '{"a":"\\ud800"', '[', '"unterminated', '{"a":01}', '{"a":-}', '{"a":1e}', '{"a":.5}',
    `${'['.repeat(100_000)}`, `${'{"a":'.repeat(15_000)}1`];
  const probes = invalidJson.map((body, i) => raw(`invalid JSON #${i}`, body, JSON_TYPE, { code: 'invalid_json' }));
  probes.push(raw('whole body null', 'null', JSON_TYPE), raw('whole body array', '[]', JSON_TYPE), raw('whole body string', '"access"', JSON_TYPE),
    raw('whole body number', '1', JSON_TYPE), raw('whole body true', 'true', JSON_TYPE), raw('whole body {}', '{}', JSON_TYPE));
  probes.push(raw('deeply nested valid JSON', `{"x":${'['.repeat(5_000)}${']'.repeat(5_000)}}`, JSON_TYPE));
  probes.push(raw('__proto__ key', `{"__proto__":{"admin":true},${json.slice(1)}`, JSON_TYPE, { code: 'forbidden_key' }));
  probes.push(raw('nested __proto__ key', json.replace('"subject":{', '"subject":{"__proto__":{"x":1},'), JSON_TYPE, { code: 'forbidden_key' }));
  probes.push(raw('constructor.prototype', `{"constructor":{"prototype":{"x":1}},${json.slice(1)}`, JSON_TYPE, { code: 'forbidden_key' }));
  // JSON.parse keeps the last of two equal keys: the body is refused instead (the key named in the message).
  probes.push(raw('duplicate key', `{"type":"access",${json.slice(1)}`, JSON_TYPE, { code: 'duplicate_json_key' }));
  probes.push(raw('duplicate nested key', json.replace('"subject":{', '"subject":{"name":"Other",'), JSON_TYPE, { code: 'duplicate_json_key' }));
  probes.push(raw('duplicate key, escaped', `{"\\u0074ype":"access",${json.slice(1)}`, JSON_TYPE, { code: 'duplicate_json_key' }));
  probes.push(raw('empty body', '', JSON_TYPE, { code: 'empty_body' }));
  probes.push(raw('invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), JSON_TYPE, { code: 'invalid_encoding' }));
  probes.push(raw('cp1251 bytes', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc8, 0xe2, 0xe0, 0xed]), Buffer.from('"}')]), JSON_TYPE, { code: 'invalid_encoding' }));
  probes.push(raw('body over the limit', `{"a":"${'x'.repeat(1_100_000)}"}`, JSON_TYPE, { code: 'body_too_large', status: 413 }));
  for (const charset of ['windows-1251', 'koi8-r', 'latin1', 'utf-16', 'UTF-16LE', 'us-ascii', 'utf-8x', '']) {
    probes.push(raw(`charset=${charset}`, json, `application/json; charset=${charset}`, { code: 'unsupported_charset', status: 415 }));
  }
  for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx',
    'application/octet-stream', 'text/json', 'image/png', '*/*', 'application']) {
    probes.push(raw(`content-type ${type}`, json, type, { code: 'unsupported_media_type', status: 415 }));
  }
  probes.push(raw('no content-type', json, undefined));
  return probes;
}

export function actionProbes(caseId: string): Probe[] {
  const url = `/api/v1/cases/${caseId}/actions`;
  const valid = { action: 'respond', note: 'answer sent by e-mail' };
  const probes: Probe[] = [];
  for (const field of ['action', 'note']) {
    for (const [label, value] of Object.entries(WRONG_FOR_ANY_FIELD)) {
      probes.push({ name: `actions ${field}: ${label}`, method: 'POST', url, payload: { ...valid, [field]: value } });
    }
    for (const value of FIELD_EXTRAS[field]!) {
      probes.push({ name: `actions ${field}: ${JSON.stringify(value).slice(0, 40)}`, method: 'POST', url, payload: { ...valid, [field]: value } });
    }
  }
  probes.push({ name: 'actions unknown field', method: 'POST', url, payload: { ...valid, actor: 'someone else' }, code: 'unknown_field' });
  probes.push({ name: 'actions extend…close (duplicate "action")', method: 'POST', url, headers: { 'content-type': 'application/json' },
    payload: '{"action":"extend","reason":"more time","note":"n","action":"close"}', code: 'duplicate_json_key' });
  probes.push({ name: 'actions short Idempotency-Key', method: 'POST', url, payload: valid, headers: { 'idempotency-key': 'abc' }, code: 'invalid_headers' });
  probes.push({ name: 'actions long Idempotency-Key', method: 'POST', url, payload: valid, headers: { 'idempotency-key': 'k'.repeat(201) }, code: 'invalid_headers' });
  return [...probes, ...rawBodyProbes(url, 'actions')];
}
