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

describe('policy settings rules', () => {
  const errors = (candidate: Record<string, unknown>, crs = '4.8.0') => {
    const check = new Checker();
    checkPolicySettings(check, { ...POLICY_DEFAULTS, name: 'p', ...candidate }, crs);
    return check.errors.map(({ path, message }) => `${path}: ${message}`);
  };

  it('reports one error per field, cross-field rules on both fields, and unknown properties', () => {
    expect(errors({ name: '   ', blockingParanoiaLevel: 3, detectionParanoiaLevel: 2, mode: 'on', inboundAnomalyThreshold: '5', colour: 1 })).toEqual([
      'colour: is not an accepted property',
      'name: must be 1–100 characters after trimming',
      'mode: must be one of: off, detection_only, blocking',
      'blockingParanoiaLevel: must not exceed detectionParanoiaLevel',
      'detectionParanoiaLevel: must be at least blockingParanoiaLevel (or null to follow it)',
      'inboundAnomalyThreshold: must be an integer',
    ]);
  });

  it('checks list entries by index and refuses switches the CRS version ignores', () => {
    expect(errors({ allowedMethods: ['GET', 'get'], maxNumArgs: 0, earlyBlocking: true }, '3.3.4')).toEqual([
      'maxNumArgs: must be between 1 and 10000',
      'allowedMethods[1]: must match ^[A-Z]{1,20}$',
      expect.stringMatching(/^earlyBlocking: /),
    ]);
  });

  it('normalises what it accepts', () => {
    const check = new Checker();
    const settings = checkPolicySettings(
      check,
      { ...POLICY_DEFAULTS, name: '  Shop  ', allowedRequestContentTypes: ['Text/Plain', 'text/plain'], ipAllow: ['10.0.0.1', '10.0.0.1'] },
      '4.8.0',
    );
    expect(check.errors).toEqual([]);
    expect(settings).toMatchObject({ name: 'Shop', allowedRequestContentTypes: ['text/plain'], ipAllow: ['10.0.0.1'] });
  });
});
