import { crsMajorOf } from '@lib/waf';
import { Checker, type Json } from '@lib/platform';
import { checkPolicySettings, POLICY_DEFAULTS } from '../src/policies/policy-settings';
import type { RenderInput } from '../src/render/bundle-renderer';
import { checkCustomRule, checkExclusion, checkOverride } from '../src/rules/rule-validation';
import { OPERATORS } from '../src/policies/rule-content';

const TENANT = 'aa000000-0000-4000-8000-000000000001';
let sequence = 0;
const id = () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

/** Builds stored state through the same validators the API uses, so only valid content is rendered. */
function valid<T>(build: (check: Checker) => T | undefined): T {
  const check = new Checker();
  const value = build(check);
  if (!check.ok) throw new Error(`matrix input is invalid: ${JSON.stringify(check.errors)}`);
  return value!;
}

const ARGUMENTS: Readonly<Record<string, string | undefined>> = {
  rx: '^(?:a|b\\d+)"x\\\\$',
  pm: 'select union insert',
  streq: 'admin',
  contains: '<script',
  containsWord: 'drop',
  beginsWith: '/wp-',
  endsWith: '.php',
  within: 'GET HEAD',
  eq: '0',
  ge: '10',
  gt: '100',
  le: '5',
  lt: '2147483647',
  ipMatch: '192.0.2.0/24,2001:db8::/32,198.51.100.7',
  detectSQLi: undefined,
  detectXSS: undefined,
};

export interface MatrixCase {
  readonly name: string;
  readonly input: RenderInput;
}

/** Every mode, paranoia level, thresholds, IP lists, exclusions, overrides and every operator. */
/** Every mode and paranoia level, with the CRS 4-only switches where `crsVersion` is a 4.x. */
export function engineMatrix(crsVersion: string): MatrixCase[] {
  const crs4 = crsMajorOf(crsVersion) >= 4;
  const cases: MatrixCase[] = [];
  const vhostId = id();
  const exclusions = [
    { ruleId: 942100, variable: { collection: 'ARGS', key: 'json.password' }, path: '/login' },
    { tag: 'attack-xss', path: '/cms/edit(1).php' },
    { ruleId: 941100, variable: { collection: 'REQUEST_HEADERS', key: 'X-Token' } },
    { tag: 'attack-rce', variable: { collection: 'REQUEST_COOKIES', key: 'session' } },
    { ruleId: 920420, vhostId },
    { tag: 'attack-lfi', vhostId, variable: { collection: 'ARGS_NAMES' } },
  ].map((body) => ({ id: id(), ...valid((check) => checkExclusion(check, body as Json)), forced: false }));
  const overrides = [{ ruleId: 920350 }, { tag: 'attack-protocol' }].map((body) => ({
    id: id(),
    ...valid((check) => checkOverride(check, body as Json)),
    forced: false,
  }));
  const customRules = OPERATORS.map((operator, index) => ({
    id: id(),
    ...valid((check) =>
      checkCustomRule(check, {
        ruleId: 10000 + index,
        phase: operator === 'ipMatch' ? 1 : 2,
        variables:
          operator === 'ipMatch'
            ? [{ collection: 'REMOTE_ADDR' }]
            : [
                { collection: 'ARGS', key: 'q' },
                { collection: 'REQUEST_HEADERS', key: 'user-agent' },
              ],
        operator,
        negate: index % 2 === 1,
        argument: ARGUMENTS[operator],
        transformations: operator === 'rx' ? ['urlDecodeUni', 'lowercase'] : [],
        action: ['deny', 'log', 'allow'][index % 3],
        severity: 'WARNING',
        message: `custom ${operator} rule`,
      }),
    ),
  }));
  const modes = ['off', 'detection_only', 'blocking'] as const;
  for (const mode of modes) {
    for (const level of [1, 2, 3, 4]) {
      const settings = valid((check) =>
        checkPolicySettings(
          check,
          {
            ...POLICY_DEFAULTS,
            name: `${mode}-${level}`,
            mode,
            blockingParanoiaLevel: level,
            detectionParanoiaLevel: level === 4 ? null : level + 1,
            inboundAnomalyThreshold: level * 5,
            outboundAnomalyThreshold: 10000,
            earlyBlocking: crs4 && level % 2 === 0,
            enforceUrlencodedBodyProcessor: level === 3,
            skipResponseAnalysis: crs4 && level === 4,
            allowedRequestContentTypes: level === 2 ? ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'] : null,
            maxNumArgs: level === 1 ? 255 : null,
            argNameLength: level === 1 ? 100 : null,
            argLength: level === 1 ? 400 : null,
            totalArgLength: level === 1 ? 64000 : null,
            maxFileSize: level === 1 ? 1048576 : null,
            combinedFileSizes: level === 1 ? 1048576 : null,
            ipAllow: level % 2 === 0 ? ['192.0.2.10', '2001:db8::1', '10.1.2.3/32'] : [],
            ipDeny: level > 1 ? ['10.0.0.0/8', '203.0.113.0/24', '2001:db8:bad::/48', '2001:db8:dead:beef::1'] : [],
          },
          crsVersion,
        ),
      );
      cases.push({
        name: `${mode}-pl${level}`,
        input: {
          tenantId: TENANT,
          vhost: { id: vhostId, domain: `${mode.replace('_', '-')}-pl${level}.example.com` },
          policy: { settings, overrides: level > 1 ? overrides : [], exclusions: level > 1 ? exclusions : [], customRules: level > 2 ? customRules : [] },
        },
      });
    }
  }
  cases.push({
    name: 'wildcard-empty',
    input: {
      tenantId: TENANT,
      vhost: { id: id(), domain: '*.example.org' },
      policy: { settings: { ...POLICY_DEFAULTS, name: 'empty' }, overrides: [], exclusions: [], customRules: [] },
    },
  });
  return cases;
}
