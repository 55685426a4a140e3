import { Checker } from '@lib/platform';
import { checkCustomRule, checkExclusion, checkOverride } from './rule-validation';

const run = (validate: (check: Checker) => unknown) => {
  const check = new Checker();
  const result = validate(check);
  return { result, errors: check.errors.map(({ path, message }) => `${path}: ${message}`) };
};

describe('rule validation', () => {
  it('asks for exactly one target and refuses the panel-generated setup range', () => {
    expect(run((check) => checkOverride(check, {})).errors).toEqual(['ruleId: exactly one of ruleId or tag is required']);
    expect(run((check) => checkOverride(check, { ruleId: 942100, tag: 'attack-sqli' })).errors).toEqual(['ruleId: exactly one of ruleId or tag is required']);
    expect(run((check) => checkOverride(check, { ruleId: 900100, force: 'yes' })).errors).toEqual([
      'ruleId: 900000–900999 is the panel-generated CRS setup and cannot be targeted, even with force',
      'force: must be a boolean',
    ]);
  });

  it('names the missing scope of an exclusion and checks nested variables', () => {
    expect(run((check) => checkExclusion(check, { ruleId: 942100 })).errors).toEqual([
      'variable: an exclusion needs a variable, a vhost or a path; to disable a rule everywhere, use an override',
    ]);
    expect(
      run((check) => checkExclusion(check, { tag: 'attack-sqli', variable: { collection: 'REQUEST_URI', key: 'x', extra: 1 }, path: 'search/' })).errors,
    ).toEqual([
      'variable.extra: is not an accepted property',
      'variable.key: REQUEST_URI takes no key',
      'path: must start with /, have no trailing /, and non-empty segments of URL path characters (no %, ?, #, . or ..)',
    ]);
    expect(run((check) => checkExclusion(check, { ruleId: 942100, variable: { collection: 'REQUEST_HEADERS', key: 'X-Token' } })).result).toMatchObject({
      variable: { collection: 'REQUEST_HEADERS', key: 'x-token' },
      vhostId: null,
      path: null,
    });
  });

  it('checks a custom rule across its fields', () => {
    const rule = {
      ruleId: 1000,
      phase: 1,
      variables: [{ collection: 'ARGS_POST' }],
      operator: 'rx',
      argument: 'a(',
      action: 'log',
      status: 403,
      severity: 'ERROR',
    };
    expect(run((check) => checkCustomRule(check, { ...rule, message: ' m', transformations: ['lowercase', 'lowercase', 'nope'] })).errors).toEqual([
      'status: is only allowed with action deny',
      'message: must be printable ASCII without \' " \\ or %{, and without leading or trailing spaces',
      'variables[0].collection: ARGS_POST needs phase 2 or later',
      'argument: must be a valid RE2 regular expression (no backreferences, lookaround or possessive quantifiers)',
      expect.stringMatching(/^transformations\[2\]: must be one of: /),
      'transformations: must be distinct',
    ]);
    expect(
      run((check) => checkCustomRule(check, { ...rule, phase: 2, argument: 'a+', action: 'deny', status: undefined, message: 'ok' })).result,
    ).toMatchObject({
      status: 403,
      enabled: true,
      negate: false,
      transformations: [],
      comment: '',
    });
  });
});
