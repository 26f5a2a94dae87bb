/**
 * Who sent a letter, as the operator's own mail server judged it (issue 16): SPF, DKIM and DMARC read from the
 * `Authentication-Results` header (RFC 8601) that our server added. Only the topmost header naming our
 * authserv-id counts: everything below it was in the message when it reached us, so the sender could have
 * written it. Pure: no DNS, no clock; the server did the checks, we read its verdict.
 */
import parseHeader, { type ResInfo } from 'mailauth/lib/parse-dkim-headers';
import { unfoldedLines, headerBlock } from './raw-headers';

/** A method's result for one domain, as our server wrote it (`pass`, `fail`, `softfail`, `none`, `temperror` …). */
export interface AuthResult { result: string; domain: string | null }

export interface SenderAuth {
  /** not_checked: no authserv-id is configured, or no header of ours is on the message; never read as a pass. */
  status: 'checked' | 'not_checked';
  reason?: 'no_authserv_id' | 'no_header_of_ours';
  spf: AuthResult | null;
  dkim: AuthResult[];
  dmarc: AuthResult | null;
  /** The From address is in one of the operator's own domains. */
  ownDomain: boolean;
  /**
   * From claims the operator's own domain and our server did not authenticate it (DMARC pass, or an aligned DKIM or
   * SPF pass): the letter goes to triage and is never acknowledged. Only set when a check was possible.
   */
  ownDomainUnverified: boolean;
}

const lower = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().toLowerCase() : null);
const domainOf = (v: string | null): string | null => (v ? (v.includes('@') ? v.slice(v.lastIndexOf('@') + 1) : v) : null);

/** Same domain, or one a subdomain of the other (stricter than DMARC's relaxed mode: an unsure match fails). */
export function aligned(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

export function inDomains(email: string | undefined, domains: readonly string[]): boolean {
  const d = domainOf(lower(email));
  return !!d && domains.some((own) => d === own.toLowerCase() || d.endsWith(`.${own.toLowerCase()}`));
}

function resultOf(info: ResInfo | undefined, ptype: string, property: string): AuthResult | null {
  if (!info) return null;
  const props = info[ptype] as Record<string, unknown> | undefined;
  return { result: lower(info.value) ?? 'none', domain: domainOf(lower(props?.[property])) };
}

/** The parsed topmost Authentication-Results header whose authserv-id is ours, or undefined. */
function ourHeader(raw: Buffer, authservId: string, limit: number) {
  const ours = authservId.trim().toLowerCase();
  for (const { name, value } of unfoldedLines(headerBlock(raw, limit))) {
    if (name !== 'authentication-results') continue;
    const { parsed } = parseHeader(`Authentication-Results: ${value.toString('latin1')}`);
    // authserv-id [version]: the id is the first word.
    if (lower(parsed.value)?.split(/\s+/)[0] === ours) return parsed;
  }
  return undefined;
}

export function senderAuth(
  raw: Buffer, from: string | undefined, trust: { authservId?: string; operatorDomains: readonly string[] }, limit = 256 * 1024,
): SenderAuth {
  const ownDomain = inDomains(from, trust.operatorDomains);
  const none = { spf: null, dkim: [], dmarc: null, ownDomain };
  if (!trust.authservId) return { status: 'not_checked', reason: 'no_authserv_id', ...none, ownDomainUnverified: false };
  const header = ourHeader(raw, trust.authservId, limit);
  // Configured, yet our server left no verdict: the letter did not come through it, so an own-domain From is unproven.
  if (!header) return { status: 'not_checked', reason: 'no_header_of_ours', ...none, ownDomainUnverified: ownDomain };
  const spf = resultOf(header.spf, 'smtp', 'mailfrom');
  const dkim = (Array.isArray(header.dkim) ? header.dkim : []).map((d) => resultOf(d, 'header', 'd')!);
  const dmarc = resultOf(header.dmarc, 'header', 'from');
  const fromDomain = domainOf(lower(from));
  const authenticated = (dmarc?.result === 'pass' && (dmarc.domain === null || aligned(dmarc.domain, fromDomain)))
    || dkim.some((d) => d.result === 'pass' && aligned(d.domain, fromDomain))
    || (spf?.result === 'pass' && aligned(spf.domain, fromDomain));
  return { status: 'checked', spf, dkim, dmarc, ownDomain, ownDomainUnverified: ownDomain && !authenticated };
}
