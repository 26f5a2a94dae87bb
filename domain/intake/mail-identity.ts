/**
 * Who sent a letter and which letter it is, normalised so that the same person and the same letter compare equal
 * however a mail system re-wrote them (issue 16): an address in other case, its domain in Unicode or in punycode
 * (IDNA), its local part in another Unicode normal form; a Message-ID with or without angle brackets or spaces.
 */

/** lower-cased NFC local part @ ASCII (punycode) domain; undefined for something that is not an address. */
export function normaliseAddress(address: string | undefined | null): string | undefined {
  const a = address?.normalize('NFC').trim().replace(/^<|>$/g, '');
  if (!a) return undefined;
  const at = a.lastIndexOf('@');
  if (at <= 0 || at === a.length - 1) return a.toLowerCase();
  return `${a.slice(0, at).toLowerCase()}@${asciiDomain(a.slice(at + 1))}`;
}

/** The domain as IDNA ASCII, through the WHATWG URL parser (a global: no I/O, no Node import). */
function asciiDomain(domain: string): string {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return domain.toLowerCase();
  }
}

/**
 * RFC 5322 msg-id without its angle brackets, folding whitespace and comments; the domain part lower-cased
 * (domains are case-insensitive, the left part is kept as the sender's system wrote it).
 */
export function normaliseMessageId(id: string | undefined | null): string | undefined {
  const bare = id?.replace(/\([^)]*\)/g, '').replace(/\s+/g, '').replace(/^<|>$/g, '');
  if (!bare) return undefined;
  const at = bare.lastIndexOf('@');
  return at < 0 ? bare : `${bare.slice(0, at)}@${bare.slice(at + 1).toLowerCase()}`;
}
