import { describe, expect, it } from 'vitest';
import { duplicateKey } from '../../../api/duplicate-keys';

describe('duplicateKey', () => {
  it('names the first key given twice in one object, at any depth', () => {
    expect(duplicateKey('{"action":"extend","reason":"r","action":"close"}')).toBe('action');
    expect(duplicateKey('{"a":{"b":1,"c":[{"d":1},{"d":2,"d":3}]}}')).toBe('d');
    expect(duplicateKey('{"type":1, "\\u0074ype" :2}')).toBe('type');
    expect(duplicateKey('[{"a":1,"a":1}]')).toBe('a');
  });

  it('accepts the same key in different objects, and keys or values that look like JSON', () => {
    expect(duplicateKey('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}')).toBeUndefined();
    expect(duplicateKey('{"a":"a","b":["a","a"],"c":"\\"a\\":1,{"}')).toBeUndefined();
    expect(duplicateKey('{"x\\\\":1,"x":2,"{\\"x\\":":3}')).toBeUndefined();
    expect(duplicateKey('"a"')).toBeUndefined();
    expect(duplicateKey('{}')).toBeUndefined();
  });
});
