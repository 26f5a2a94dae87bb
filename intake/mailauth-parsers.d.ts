/**
 * Types for the two header parsers of `mailauth` that intake uses (the package types only its main entry).
 * The version is pinned in package.json: these are files of the package, not its documented API.
 */
declare module 'mailauth/lib/parse-dkim-headers' {
  /** One resinfo of an Authentication-Results header: `dkim=pass header.d=example.ru` → { value: 'pass', header: { d } }. */
  export interface ResInfo { value?: string; comment?: string; [ptype: string]: unknown }
  export interface ParsedAuthResults {
    header?: string;
    /** The authserv-id (and its version, if written). */
    value?: string;
    spf?: ResInfo;
    dmarc?: ResInfo;
    dkim?: ResInfo[];
    [method: string]: unknown;
  }
  function headerParser(line: string | Buffer): { parsed: ParsedAuthResults };
  export default headerParser;
}

declare module 'mailauth/lib/parse-received' {
  export interface ParsedReceived {
    by?: { value: string; comment?: string };
    from?: { value: string; comment?: string };
    timestamp?: string;
    [clause: string]: unknown;
  }
  export function parseReceived(line: string | Buffer): ParsedReceived | false;
}
