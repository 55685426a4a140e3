import { Checker } from '@lib/platform';
import { checkCustomRule } from '../rules/rule-validation';
import { lintBundle } from './bundle-linter';
import { renderVhostBundle } from './bundle-renderer';
import { WORKED_EXAMPLE } from './worked-example';
import { OPERATORS } from '../policies/rule-content';

/** A small deterministic generator, so a failure names a reproducible case. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pieces = [
    '"',
    "'",
    '\\',
    '\r',
    '\n',
    '%{',
    'tx.x}',
    'a',
    'Z',
    '0',
    ' ',
    ',',
    ':',
    '"id:1,exec:/bin/sh"',
    'SecRuleEngine Off',
    '(',
    ')',
    '|',
    '#',
    '\t',
    '\u0000',
    'é',
  ];
  return () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
}

describe('renderer injection safety (fuzz)', () => {
  it('either rejects 1,000 hostile arguments and messages or renders each as one linter-clean line', () => {
    const random = generator(42);
    let rendered = 0;
    for (let index = 0; index < 1000; index += 1) {
      const operator = OPERATORS[index % OPERATORS.length];
      const check = new Checker();
      const rule = checkCustomRule(check, {
        ruleId: 10000 + index,
        phase: 2,
        variables: [{ collection: 'ARGS', key: 'q' }],
        operator,
        argument: operator === 'detectSQLi' || operator === 'detectXSS' ? undefined : random(),
        action: 'deny',
        severity: 'ERROR',
        message: index % 2 === 0 ? random() : 'fixed message',
      });
      if (!rule) {
        expect(check.errors.length).toBeGreaterThan(0);
        continue;
      }
      rendered += 1;
      const bundle = renderVhostBundle(
        { ...WORKED_EXAMPLE, policy: { ...WORKED_EXAMPLE.policy, customRules: [{ id: 'x', ...rule }] } },
        { crsInclude: '/usr/share/modsecurity-crs/rules/*.conf', crsVersion: '4.28.0' },
      );
      expect(lintBundle(bundle.content)).toEqual([]);
      const lines = bundle.content.split('\n').filter((line) => line.includes(`id:${10000 + index},`));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^SecRule ARGS:q "[^\n]*" "id:\d+,phase:2,deny,status:403,log,t:none,severity:'ERROR',msg:'[^'\n]*',tag:'waf-panel\/custom'"$/);
      expect(bundle.content).not.toContain('%{');
    }
    expect(rendered).toBeGreaterThan(50);
  });
});
