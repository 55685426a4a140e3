import { POLICY_DEFAULTS } from '../policies/policy-settings';
import type { RenderInput } from './bundle-renderer';

/** The worked-example policy, as stored state: the renderer's reference input in tests and docs. */
export const WORKED_EXAMPLE: RenderInput = {
  tenantId: '7d1f6a2e-0c4b-4d8a-9b1e-2f3a4b5c6d7e',
  vhost: { id: 'a0000000-0000-4000-8000-000000000001', domain: 'shop.example.com' },
  policy: {
    settings: {
      ...POLICY_DEFAULTS,
      name: 'P',
      mode: 'blocking',
      blockingParanoiaLevel: 2,
      detectionParanoiaLevel: 3,
      inboundAnomalyThreshold: 7,
      outboundAnomalyThreshold: 5,
      allowedMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'],
      ipAllow: ['192.0.2.10'],
      ipDeny: ['203.0.113.0/24', '2001:db8:bad::/48'],
    },
    overrides: [{ id: 'c0000000-0000-4000-8000-000000000001', ruleId: 920350, tag: null, comment: '', forced: false }],
    exclusions: [
      {
        id: 'e0000000-0000-4000-8000-000000000001',
        ruleId: 942100,
        tag: null,
        variable: { collection: 'ARGS', key: 'password' },
        vhostId: null,
        path: '/login',
        comment: '',
        forced: false,
      },
      {
        id: 'e0000000-0000-4000-8000-000000000002',
        ruleId: 941100,
        tag: null,
        variable: { collection: 'REQUEST_HEADERS', key: 'x-token' },
        vhostId: null,
        path: null,
        comment: '',
        forced: false,
      },
    ],
    customRules: [
      {
        id: 'f0000000-0000-4000-8000-000000000001',
        ruleId: 10050,
        enabled: true,
        phase: 2,
        variables: [{ collection: 'ARGS', key: 'id' }],
        operator: 'rx',
        negate: true,
        argument: '^\\d+$',
        transformations: [],
        action: 'deny',
        status: 403,
        severity: 'WARNING',
        message: 'id must be numeric',
        comment: '',
      },
    ],
  },
};
