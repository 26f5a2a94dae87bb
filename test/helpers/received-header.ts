/**
 * The `Received:` header our own mail server (a host of the operator's domains) adds on delivery: an upload to
 * `POST /api/v1/intake/email` takes its day 0 from it (issue 16), so a test letter that is not about day 0 carries one.
 */
export function receivedByOurServer(at = new Date()): string {
  return `Received: from relay.example.net (relay.example.net [192.0.2.10]) by mx.wellengineering.ru; ${at.toUTCString().replace('GMT', '+0000')}\r\n`;
}
