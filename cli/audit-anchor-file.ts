import { appendFileSync, readFileSync } from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../platform/config-error';
import { field } from './audit-chain';

/**
 * External anchors (ADR 017): a JSON-lines file the operator keeps outside the database — another host, a WORM
 * bucket, the daily letter to the DPO. The database owner can delete the newest events and the in-database anchors
 * with them; a line in this file is out of reach, so `verify --anchor-file` still knows how far the chain went.
 */
export interface ExternalAnchor {
  chainSeq: string;
  hash: string;
  /** Events in the log when anchored (= chainSeq while the chain is gap-free): what an auditor compares by eye. */
  events: number;
  /** When it was written (ISO 8601, UTC). */
  at: string;
  /** HMAC-SHA256 with DSAR_AUDIT_ANCHOR_KEY, when set: an edited or forged line is told apart. */
  mac?: string;
}

/** An anchor as verifyAuditChain reads it, from the database or from this file. */
export interface Anchor { chainSeq: string; hash: string; source: string; at: string }

/** DSAR_AUDIT_ANCHOR_KEY: the key anchor lines are signed (HMAC) with; unset: lines are written unsigned. */
export function anchorKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env.DSAR_AUDIT_ANCHOR_KEY;
  if (!key) return undefined;
  if (key.length < 32) throw new ConfigError('DSAR_AUDIT_ANCHOR_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`).');
  return key;
}

function mac(a: Omit<ExternalAnchor, 'mac'>, key: string): string {
  return createHmac('sha256', key).update('dsar-anchor-v1' + [a.chainSeq, a.hash, String(a.events), a.at].map(field).join('')).digest('hex');
}

/** Appends one anchor line (the file is created 0600); an existing line is never rewritten. */
export function appendAnchor(file: string, anchor: Omit<ExternalAnchor, 'mac'>, key: string | undefined): ExternalAnchor {
  const line: ExternalAnchor = key ? { ...anchor, mac: mac(anchor, key) } : { ...anchor };
  appendFileSync(file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
  return line;
}

/** A line that is not an anchor, or (with a key) not signed by it: the file itself was damaged or edited. */
export class AnchorFileError extends Error {}

/**
 * Reads every anchor of the file; with `key`, each line must carry its valid MAC. `uncheckedMacs`: lines signed
 * while this process has no key to check them (said, not silently trusted).
 */
export function readAnchorFile(file: string, key: string | undefined): { anchors: Anchor[]; uncheckedMacs: number } {
  const anchors: Anchor[] = [];
  let uncheckedMacs = 0;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [i, text] of lines.entries()) {
    if (text.trim() === '') continue;
    const where = `line ${i + 1} of ${file}`;
    let a: Partial<ExternalAnchor>;
    try {
      a = JSON.parse(text) as Partial<ExternalAnchor>;
    } catch {
      throw new AnchorFileError(`${where} is not JSON.`);
    }
    if (typeof a.chainSeq !== 'string' || !/^[1-9][0-9]*$/.test(a.chainSeq) || typeof a.hash !== 'string' || !/^[0-9a-f]{64}$/.test(a.hash)
      || typeof a.events !== 'number' || typeof a.at !== 'string') {
      throw new AnchorFileError(`${where} is not an anchor: it needs chainSeq, hash (64 hex), events and at.`);
    }
    if (key) {
      const expected = Buffer.from(mac({ chainSeq: a.chainSeq, hash: a.hash, events: a.events, at: a.at }, key), 'hex');
      const given = Buffer.from(typeof a.mac === 'string' ? a.mac : '', 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AnchorFileError(`${where} does not carry a valid MAC for DSAR_AUDIT_ANCHOR_KEY: the line was edited, forged, or signed with another key.`);
      }
    } else if (a.mac !== undefined) {
      uncheckedMacs++;
    }
    anchors.push({ chainSeq: a.chainSeq, hash: a.hash, source: `${file} line ${i + 1}`, at: a.at });
  }
  return { anchors, uncheckedMacs };
}
