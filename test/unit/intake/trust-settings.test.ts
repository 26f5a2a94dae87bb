import { describe, expect, it } from 'vitest';
import { mailTrustOf } from '../../../intake/mail-trust';
import { DEFAULT_OPERATOR_PROFILE, loadOperatorProfile } from '../../../operator/profile';
import { ConfigError, intakeTrustSettings } from '../../../platform/config';

const operator = loadOperatorProfile(DEFAULT_OPERATOR_PROFILE);

describe('intake trust settings', () => {
  it('check nothing and date uploads by the profile\'s mail domains when unset', () => {
    expect(intakeTrustSettings({})).toEqual({});
    expect(mailTrustOf({ operator, intakeTrust: intakeTrustSettings({}) })).toEqual({ receivedHosts: ['wellengineering.ru'], operatorDomains: ['wellengineering.ru'] });
  });

  it('read the authserv-id and a host list that replaces the profile\'s domains (the own-domain check keeps them)', () => {
    const trust = intakeTrustSettings({ INTAKE_AUTHSERV_ID: ' mx.wellengineering.ru ', INTAKE_RECEIVED_HOSTS: 'MX1.Provider.example, mx2.provider.example,' });
    expect(trust).toEqual({ authservId: 'mx.wellengineering.ru', receivedHosts: ['mx1.provider.example', 'mx2.provider.example'] });
    expect(mailTrustOf({ operator, intakeTrust: trust })).toEqual({ authservId: 'mx.wellengineering.ru', receivedHosts: ['mx1.provider.example', 'mx2.provider.example'], operatorDomains: ['wellengineering.ru'] });
  });

  it('refuse what is not a host name, saying what to put there', () => {
    expect(() => intakeTrustSettings({ INTAKE_AUTHSERV_ID: 'mx.example.ru; dmarc=pass' })).toThrow(ConfigError);
    expect(() => intakeTrustSettings({ INTAKE_RECEIVED_HOSTS: 'mx.example.ru,http://x' })).toThrow(/INTAKE_RECEIVED_HOSTS: "http:\/\/x" is not a host name/);
  });
});
