import { RE2JS } from 're2js';
import { type Checker, CONTROL, type Json, join } from '@lib/platform';
import { CustomRuleBody, ExclusionBody, OverrideBody, type VariableDto } from './rule.dto';
import { checkIpList } from '../common/ip-list';
import { type CustomRuleContent, type ExclusionContent, type OverrideContent, type Target, TRANSFORMATIONS, type Variable } from '../policies/rule-content';
import { type RuleCatalogue } from '@lib/waf';

const STRING_OPERATORS = ['streq', 'contains', 'containsWord', 'beginsWith', 'endsWith', 'within'];
const NUMERIC_OPERATORS = ['eq', 'ge', 'gt', 'le', 'lt'];

/** Scoring, initialisation and reporting rules: excluding them silently disables the CRS. */
/** The CRS's initialisation, blocking-evaluation and reporting rule ids, first and last of each range. */
export const PROTECTED_RULE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [901000, 901999],
  [949000, 949999],
  [959000, 959999],
  [980000, 980999],
];

export function isProtectedTarget(target: Target): boolean {
  if (target.ruleId !== null) {
    const id = target.ruleId;
    return PROTECTED_RULE_RANGES.some(([first, last]) => id >= first && id <= last);
  }
  return ['owasp_crs', 'anomaly-evaluation', 'reporting'].includes(target.tag!.toLowerCase());
}

/** The target's catalogue membership (the field rules passed); undefined when it is unknown. */
function checkTarget(check: Checker, body: OverrideBody, catalogue: RuleCatalogue | undefined, prefix: string): Target | undefined {
  if (body.ruleId !== undefined && body.ruleId !== null) {
    if (catalogue && !catalogue.ids.has(body.ruleId)) return check.fail(join(prefix, 'ruleId'), 'unknown-rule: not in the deployed CRS catalogue');
    return { ruleId: body.ruleId, tag: null };
  }
  if (catalogue && !catalogue.tags.has(body.tag!)) return check.fail(join(prefix, 'tag'), 'unknown-tag: not in the deployed CRS catalogue');
  return { ruleId: null, tag: body.tag! };
}

/** Header names are case-insensitive: their keys are stored lowercase. */
const variableOf = ({ collection, key }: VariableDto): Variable => ({
  collection,
  key: key === undefined || key === null ? null : collection === 'REQUEST_HEADERS' ? key.toLowerCase() : key,
});

export const EXCLUSION_FIELDS = ['ruleId', 'tag', 'variable', 'vhostId', 'path', 'comment', 'force'];
export const CUSTOM_RULE_FIELDS = [
  'ruleId',
  'enabled',
  'phase',
  'variables',
  'operator',
  'negate',
  'argument',
  'transformations',
  'action',
  'status',
  'severity',
  'message',
  'comment',
];

export function checkOverride(check: Checker, body: Json, catalogue?: RuleCatalogue, prefix = ''): Omit<OverrideContent, 'forced'> | undefined {
  const before = check.errors.length;
  const fields = check.fields(OverrideBody, body, prefix);
  if (!fields || check.errors.length > before) return undefined;
  const target = checkTarget(check, fields, catalogue, prefix);
  return target && { ...target, comment: fields.comment ?? '' };
}

export function checkExclusion(check: Checker, body: Json, catalogue?: RuleCatalogue, prefix = ''): Omit<ExclusionContent, 'forced'> | undefined {
  const before = check.errors.length;
  const fields = check.fields(ExclusionBody, body, prefix);
  if (!fields || check.errors.length > before) return undefined;
  const target = checkTarget(check, fields, catalogue, prefix);
  if (!target) return undefined;
  return {
    ...target,
    comment: fields.comment ?? '',
    variable: fields.variable ? variableOf(fields.variable) : null,
    vhostId: fields.vhostId?.toLowerCase() ?? null,
    path: fields.path ?? null,
  };
}

const MIN_PHASE: Readonly<Record<string, number>> = {
  ARGS_POST: 2,
  ARGS_POST_NAMES: 2,
  REQUEST_BODY: 2,
  FILES: 2,
  FILES_NAMES: 2,
  RESPONSE_STATUS: 3,
  RESPONSE_HEADERS: 3,
  RESPONSE_BODY: 4,
};

function checkArgument(check: Checker, operator: string, value: unknown, path: string): string | null | undefined {
  if (operator === 'detectSQLi' || operator === 'detectXSS') {
    return value === undefined || value === null ? null : check.fail(path, `${operator} takes no argument`);
  }
  if (value === undefined || value === null) return check.fail(path, `is required for ${operator}`);
  if (typeof value !== 'string') return check.fail(path, 'must be a string');
  if (CONTROL.test(value)) return check.fail(path, 'must not contain control characters');
  // Bundles are ASCII; a regex can still match other characters with \x{...} escapes.
  if (/[^\x20-\x7e]/.test(value)) return check.fail(path, 'must be printable ASCII (in rx, write other characters as \\x{...} escapes)');
  if (value.includes('%{')) return check.fail(path, 'must not contain %{ (macros are not supported)');
  if (value !== value.trim() || value === '') return check.fail(path, 'must not be empty or have leading or trailing whitespace');
  if (operator === 'rx') {
    if (value.length > 4096) return check.fail(path, 'must be 1–4096 characters');
    try {
      RE2JS.compile(value);
    } catch {
      return check.fail(path, 'must be a valid RE2 regular expression (no backreferences, lookaround or possessive quantifiers)');
    }
    return value;
  }
  if (operator === 'pm') {
    if (value.length > 4096 || value.split(/ +/).length > 100) return check.fail(path, 'must be 1–100 space-separated phrases, at most 4096 characters');
    if (/["\\]/.test(value)) return check.fail(path, 'must not contain " or \\');
    return value;
  }
  if (STRING_OPERATORS.includes(operator)) {
    if (value.length > 1024) return check.fail(path, 'must be 1–1024 characters');
    if (/["\\]/.test(value)) return check.fail(path, 'must not contain " or \\ (the engine has no safe escape for them)');
    return value;
  }
  if (NUMERIC_OPERATORS.includes(operator)) {
    if (!/^(0|[1-9]\d{0,9})$/.test(value) || Number(value) > 2147483647) return check.fail(path, 'must be a decimal integer 0–2147483647');
    return value;
  }
  const list = value.split(',');
  if (list.length > 100) return check.fail(path, 'must have 1–100 entries');
  const entries = checkIpList(check, list, path);
  return entries.map((entry) => entry.text).join(',');
}

/** A custom rule's full candidate state (a create body, or a PATCH merged over the stored rule). */
export function checkCustomRule(check: Checker, body: Json, prefix = ''): CustomRuleContent | undefined {
  const at = (field: string) => join(prefix, field);
  const before = check.errors.length;
  const fields = check.fields(CustomRuleBody, body, prefix);
  if (!fields) return undefined;
  const valid = (field: keyof CustomRuleBody) => !check.failed(at(field));
  if (valid('phase') && valid('variables')) {
    fields.variables.forEach(({ collection }, index) => {
      const needs = MIN_PHASE[collection];
      if (needs !== undefined && fields.phase < needs)
        check.fail(join(join(at('variables'), index), 'collection'), `${collection} needs phase ${needs} or later`);
    });
  }
  const argument = valid('operator') ? checkArgument(check, fields.operator, fields.argument, at('argument')) : undefined;
  const transformations = fields.transformations ?? [];
  if (valid('transformations')) {
    transformations.forEach((item, index) => {
      if (!(TRANSFORMATIONS as readonly unknown[]).includes(item))
        check.fail(join(at('transformations'), index), `must be one of: ${TRANSFORMATIONS.join(', ')}`);
    });
    if (new Set(transformations).size !== transformations.length) check.fail(at('transformations'), 'must be distinct');
  }
  if (check.errors.length > before) return undefined;
  return {
    ruleId: fields.ruleId,
    enabled: fields.enabled ?? true,
    phase: fields.phase,
    variables: fields.variables.map(variableOf),
    operator: fields.operator,
    negate: fields.negate ?? false,
    argument: argument!,
    transformations,
    action: fields.action as CustomRuleContent['action'],
    status: fields.action === 'deny' ? (fields.status ?? 403) : null,
    severity: fields.severity,
    message: fields.message,
    comment: fields.comment ?? '',
  };
}
