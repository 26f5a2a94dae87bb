/**
 * What intake trusts of a message's headers (issue 16): the Authentication-Results of our own mail server
 * (INTAKE_AUTHSERV_ID) and the Received: headers of our own hosts (INTAKE_RECEIVED_HOSTS, by default the
 * operator's mail domains from its profile).
 */
import type { Config } from '../platform/config';
import { operatorDomains } from '../operator/profile';

export interface MailTrust {
  /** Our mail server's authserv-id; unset: sender authentication is "not checked". */
  authservId?: string;
  /** Hosts (or domains, subdomains included) whose Received: headers date a letter. */
  receivedHosts: string[];
  /** The operator's own mail domains: a From in them must be authenticated. */
  operatorDomains: string[];
}

export function mailTrustOf(config: Pick<Config, 'operator' | 'intakeTrust'>): MailTrust {
  const domains = operatorDomains(config.operator);
  return {
    ...(config.intakeTrust?.authservId ? { authservId: config.intakeTrust.authservId } : {}),
    receivedHosts: config.intakeTrust?.receivedHosts ?? domains,
    operatorDomains: domains,
  };
}
