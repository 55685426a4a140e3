import { Checker } from '@lib/platform';
import { checkPolicySettings, POLICY_DEFAULTS } from './policy-settings';

describe('checkPolicySettings', () => {
  it('names a non-string IP list entry beside a valid allow list instead of throwing', () => {
    const check = new Checker();
    const settings = checkPolicySettings(
      check,
      { ...POLICY_DEFAULTS, name: 'p', ipAllow: ['192.0.2.1'], ipDeny: [{}, 7, '192.0.2.1', '198.51.100.0/24'] },
      '3.3.4',
    );
    expect(settings).toBeUndefined();
    expect(check.errors).toEqual([
      { in: 'body', path: 'ipDeny[0]', message: 'must be an IP address or CIDR' },
      { in: 'body', path: 'ipDeny[1]', message: 'must be an IP address or CIDR' },
      { in: 'body', path: 'ipDeny[2]', message: 'is also in ipAllow' },
    ]);
  });
});
