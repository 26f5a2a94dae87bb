/**
 * The first key that appears twice in one object of a JSON text, or undefined. JSON.parse keeps the last
 * one silently, so `{"action":"extend",…,"action":"close"}` would close a case that a reviewer or a
 * proxy's log reads as extended; the API refuses such a body instead of guessing which one was meant.
 * `text` must already be valid JSON: this only walks its tokens. Keys are compared decoded ("\u0061" is "a").
 */
export function duplicateKey(text: string): string | undefined {
  // One entry per open container: the keys seen so far in an object, null for an array.
  const open: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') open.push(new Set());
    else if (ch === '[') open.push(null);
    else if (ch === '}' || ch === ']') open.pop();
    else if (ch === '"') {
      const end = stringEnd(text, i);
      const keys = open[open.length - 1];
      if (keys && nextToken(text, end + 1) === ':') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
      }
      i = end;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

function nextToken(text: string, from: number): string | undefined {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return text[i];
}
