import { RE2JS } from 're2js';
import { type Checker, CONTROL, type Json, join } from '@lib/platform';
import { checkIpList } from '../common/ip-list';
import {
  type CustomRuleContent,
  type ExclusionContent,
  OPERATORS,
  type OverrideContent,
  type Target,
  TRANSFORMATIONS,
  type Variable,
} from '../policies/rule-content';
import { type RuleCatalogue } from '../common/crs-version';

export const TARGET_COLLECTIONS = [
  'ARGS',
  'ARGS_GET',
  'ARGS_POST',
  'ARGS_NAMES',
  'ARGS_GET_NAMES',
  'ARGS_POST_NAMES',
  'REQUEST_COOKIES',
  'REQUEST_COOKIES_NAMES',
  'REQUEST_HEADERS',
  'REQUEST_HEADERS_NAMES',
  'FILES',
  'FILES_NAMES',
  'REQUEST_BODY',
  'REQUEST_URI',
  'REQUEST_FILENAME',
  'REQUEST_BASENAME',
  'QUERY_STRING',
] as const;
const RULE_COLLECTIONS = [
  ...TARGET_COLLECTIONS,
  'REQUEST_METHOD',
  'REQUEST_PROTOCOL',
  'REQUEST_LINE',
  'REMOTE_ADDR',
  'RESPONSE_STATUS',
  'RESPONSE_HEADERS',
  'RESPONSE_BODY',
];
const KEYED = /^(ARGS|REQUEST_COOKIES|FILES)|^REQUEST_HEADERS$|^RESPONSE_HEADERS$/;
const KEY = /^[A-Za-z0-9_.[\]-]{1,128}$/;
const TAG = /^[A-Za-z0-9_./-]{1,128}$/;
const PATH_SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=:@-]+$/;

const STRING_OPERATORS = ['streq', 'contains', 'containsWord', 'beginsWith', 'endsWith', 'within'];
const NUMERIC_OPERATORS = ['eq', 'ge', 'gt', 'le', 'lt'];
const STATUSES = [400, 403, 404, 405, 406, 429, 451, 503];
const SEVERITIES = ['CRITICAL', 'ERROR', 'WARNING', 'NOTICE'] as const;
const MESSAGE = /^[\x20-\x7e]{1,200}$/;

/** Scoring, initialisation and reporting rules: excluding them silently disables the CRS. */
export function isProtectedTarget(target: Target): boolean {
  if (target.ruleId !== null) {
    const id = target.ruleId;
    return (id >= 901000 && id <= 901999) || (id >= 949000 && id <= 949999) || (id >= 959000 && id <= 959999) || (id >= 980000 && id <= 980999);
  }
  return ['owasp_crs', 'anomaly-evaluation', 'reporting'].includes(target.tag!.toLowerCase());
}

function checkTarget(check: Checker, body: Json, catalogue: RuleCatalogue | undefined, prefix: string): Target | undefined {
  const hasId = body.ruleId !== undefined && body.ruleId !== null;
  const hasTag = body.tag !== undefined && body.tag !== null;
  if (hasId === hasTag) {
    check.fail(join(prefix, 'ruleId'), 'exactly one of ruleId or tag is required');
    return undefined;
  }
  if (hasId) {
    const ruleId = check.integer(body.ruleId, join(prefix, 'ruleId'), 900000, 999999);
    if (ruleId === undefined) return undefined;
    if (ruleId <= 900999) return check.fail(join(prefix, 'ruleId'), '900000–900999 is the panel-generated CRS setup and cannot be targeted, even with force');
    if (catalogue && !catalogue.ids.has(ruleId)) return check.fail(join(prefix, 'ruleId'), 'unknown-rule: not in the deployed CRS catalogue');
    return { ruleId, tag: null };
  }
  const tag = check.string(body.tag, join(prefix, 'tag'), { min: 1, max: 128, pattern: TAG });
  if (tag === undefined) return undefined;
  if (catalogue && !catalogue.tags.has(tag)) return check.fail(join(prefix, 'tag'), 'unknown-tag: not in the deployed CRS catalogue');
  return { ruleId: null, tag };
}

function checkVariable(check: Checker, value: unknown, path: string, collections: readonly string[]): Variable | undefined {
  const variable = check.object(value, path, ['collection', 'key']);
  if (!variable) return undefined;
  const collection = check.oneOf(variable.collection, join(path, 'collection'), collections);
  if (variable.key === undefined || variable.key === null) return collection ? { collection, key: null } : undefined;
  if (collection && !KEYED.test(collection)) return check.fail(join(path, 'key'), `${collection} takes no key`);
  const key = check.string(variable.key, join(path, 'key'), {
    min: 1,
    max: 128,
    pattern: KEY,
    patternMessage: 'must be a literal of A-Z a-z 0-9 _ . [ ] - (regex keys are not supported)',
  });
  if (!collection || key === undefined) return undefined;
  return { collection, key: collection === 'REQUEST_HEADERS' ? key.toLowerCase() : key };
}

function checkPath(check: Checker, value: unknown, path: string): string | undefined {
  const text = check.string(value, path, { min: 2, max: 512 });
  if (text === undefined) return undefined;
  const segments = text.split('/').slice(1);
  if (!text.startsWith('/') || text.endsWith('/') || segments.some((segment) => !PATH_SEGMENT.test(segment) || segment === '.' || segment === '..')) {
    return check.fail(path, 'must start with /, have no trailing /, and non-empty segments of URL path characters (no %, ?, #, . or ..)');
  }
  return text;
}

const optionalComment = (check: Checker, value: unknown, path: string) =>
  value === undefined || value === null ? '' : check.string(value, path, { max: 1000 });

export const OVERRIDE_FIELDS = ['ruleId', 'tag', 'comment', 'force'];
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
  if (body.force !== undefined && typeof body.force !== 'boolean') check.fail(join(prefix, 'force'), 'must be a boolean');
  const target = checkTarget(check, body, catalogue, prefix);
  const comment = optionalComment(check, body.comment, join(prefix, 'comment'));
  if (!target || comment === undefined) return undefined;
  return { ...target, comment };
}

export function checkExclusion(check: Checker, body: Json, catalogue?: RuleCatalogue, prefix = ''): Omit<ExclusionContent, 'forced'> | undefined {
  const base = checkOverride(check, body, catalogue, prefix);
  const variable =
    body.variable === undefined || body.variable === null ? null : checkVariable(check, body.variable, join(prefix, 'variable'), TARGET_COLLECTIONS);
  const vhostId = body.vhostId === undefined || body.vhostId === null ? null : check.uuid(body.vhostId, join(prefix, 'vhostId'));
  const path = body.path === undefined || body.path === null ? null : checkPath(check, body.path, join(prefix, 'path'));
  if (variable === null && vhostId === null && path === null) {
    check.fail(join(prefix, 'variable'), 'an exclusion needs a variable, a vhost or a path; to disable a rule everywhere, use an override');
  }
  if (!base || variable === undefined || vhostId === undefined || path === undefined) return undefined;
  return { ...base, variable, vhostId, path };
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
  const entries = checkIpList(check, value.split(','), path, 1, 100);
  return entries && entries.map((entry) => entry.text).join(',');
}

function ruleIdProblem(ruleId: number): string | undefined {
  if (ruleId >= 90000 && ruleId <= 99999) return 'is reserved for rules generated by the panel (90000–99999)';
  if (ruleId >= 900000 && ruleId <= 999999) return 'is in the range reserved for the OWASP CRS (900000–999999)';
  if (ruleId >= 9000000 && ruleId <= 9999999) return 'is in the range reserved for CRS project plugins (9000000–9999999)';
  if (ruleId >= 100000) return 'is in a range reserved for registered vendors (100000 and above); use 1–89999';
  return undefined;
}

/** A custom rule's full candidate state (a create body, or a PATCH merged over the stored rule). */
export function checkCustomRule(check: Checker, body: Json, prefix = ''): CustomRuleContent | undefined {
  const at = (field: string) => join(prefix, field);
  let ruleId = check.integer(body.ruleId, at('ruleId'), 1, Number.MAX_SAFE_INTEGER);
  const reserved = ruleId === undefined ? undefined : ruleIdProblem(ruleId);
  if (reserved) ruleId = check.fail(at('ruleId'), reserved);
  const phase = check.integer(body.phase, at('phase'), 1, 4);
  const variableList = check.array(body.variables, at('variables'), 1, 10);
  const variables = variableList?.map((item, index) => {
    const variable = checkVariable(check, item, join(at('variables'), index), RULE_COLLECTIONS);
    const needs = variable ? MIN_PHASE[variable.collection] : undefined;
    if (variable && phase !== undefined && needs !== undefined && phase < needs)
      check.fail(join(join(at('variables'), index), 'collection'), `${variable.collection} needs phase ${needs} or later`);
    return variable;
  });
  const operator = check.oneOf(body.operator, at('operator'), OPERATORS);
  const argument = operator === undefined ? undefined : checkArgument(check, operator, body.argument, at('argument'));
  const transformationList = body.transformations === undefined ? [] : check.array(body.transformations, at('transformations'), 0, 10);
  const transformations = transformationList?.map((item, index) => check.oneOf(item, join(at('transformations'), index), TRANSFORMATIONS));
  if (transformations && new Set(transformations).size !== transformations.length) check.fail(at('transformations'), 'must be distinct');
  const action = check.oneOf(body.action, at('action'), ['deny', 'log', 'allow'] as const);
  let status: number | null | undefined = null;
  if (action === 'deny') {
    status = body.status === undefined || body.status === null ? 403 : check.integer(body.status, at('status'), 100, 599);
    if (status !== undefined && !STATUSES.includes(status)) status = check.fail(at('status'), `must be one of ${STATUSES.join(', ')}`);
  } else if (body.status !== undefined && body.status !== null) check.fail(at('status'), 'is only allowed with action deny');
  const severity = check.oneOf(body.severity, at('severity'), SEVERITIES);
  let message = check.string(body.message, at('message'), { min: 1, max: 200 });
  if (message !== undefined && (!MESSAGE.test(message) || /['"\\]|%\{/.test(message) || message !== message.trim())) {
    message = check.fail(at('message'), 'must be printable ASCII without \' " \\ or %{, and without leading or trailing spaces');
  }
  const negate = body.negate === undefined ? false : check.boolean(body.negate, at('negate'));
  const enabled = body.enabled === undefined ? true : check.boolean(body.enabled, at('enabled'));
  const comment = optionalComment(check, body.comment, at('comment'));
  if (!check.ok) return undefined;
  return {
    ruleId: ruleId!,
    enabled: enabled!,
    phase: phase!,
    variables: variables as Variable[],
    operator: operator!,
    negate: negate!,
    argument: argument!,
    transformations: transformations as string[],
    action: action!,
    status: status!,
    severity: severity!,
    message: message!,
    comment: comment!,
  };
}
