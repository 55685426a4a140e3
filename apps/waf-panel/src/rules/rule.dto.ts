import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Absentable, Bool, Int, List, Nested, NestedList, Nullable, OneOf, Rule, Rules, Text, Uuid } from '@lib/platform';
import { Allow, ValidateIf } from 'class-validator';
import { CustomRuleView, ExclusionView, OverrideView } from '../policies/children.dto';
import { OPERATORS, TRANSFORMATIONS } from '../policies/rule-content';

/*
 * The bodies of a policy's children: their published schemas and the rules each field is checked
 * against. Rules that need the CRS catalogue, the operator's argument grammar or the policy
 * around a child live in rule-validation.ts.
 */

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
export const RULE_COLLECTIONS = [
  ...TARGET_COLLECTIONS,
  'REQUEST_METHOD',
  'REQUEST_PROTOCOL',
  'REQUEST_LINE',
  'REMOTE_ADDR',
  'RESPONSE_STATUS',
  'RESPONSE_HEADERS',
  'RESPONSE_BODY',
] as const;
const KEYED = /^(ARGS|REQUEST_COOKIES|FILES)|^REQUEST_HEADERS$|^RESPONSE_HEADERS$/;
const KEY = /^[A-Za-z0-9_.[\]-]{1,128}$/;
const TAG_PATTERN = /^[A-Za-z0-9_./-]{1,128}$/;
const PATH_SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=:@-]+$/;
const STATUSES = [400, 403, 404, 405, 406, 429, 451, 503];
const SEVERITIES = ['CRITICAL', 'ERROR', 'WARNING', 'NOTICE'] as const;
const MESSAGE = /^[\x20-\x7e]{1,200}$/;

const RULE_ID = { type: 'integer', minimum: 900000, maximum: 999999, nullable: true, description: 'A CRS rule id; exactly one of ruleId or tag' } as const;
const TAG = {
  type: String,
  nullable: true,
  minLength: 1,
  maxLength: 128,
  pattern: TAG_PATTERN.source,
  description: 'A CRS tag; exactly one of ruleId or tag',
} as const;

const given = (value: unknown) => value !== undefined && value !== null;

/** A key only for keyed collections (when the collection itself is valid), and only a literal. */
const variableKey = (collections: readonly string[]) =>
  Rules(
    Rule('keyed', (_, variable) => {
      const collection = variable.collection as string;
      return collections.includes(collection) && !KEYED.test(collection) ? `${collection} takes no key` : undefined;
    }),
    Text({ min: 1, max: 128, pattern: KEY, patternMessage: 'must be a literal of A-Z a-z 0-9 _ . [ ] - (regex keys are not supported)' }),
  );

const KEY_SCHEMA = {
  type: String,
  nullable: true,
  maxLength: 128,
  example: 'comment',
  description: 'A literal key (no regex); required for keyed collections',
};

export class VariableDto {
  @ApiProperty({
    example: 'ARGS',
    description: `For exclusions one of ${TARGET_COLLECTIONS.join(', ')}; custom rules take request and response collections too`,
  })
  @OneOf(TARGET_COLLECTIONS)
  collection: string;
  @ApiPropertyOptional(KEY_SCHEMA) @Nullable() @variableKey(TARGET_COLLECTIONS) key?: string | null;
}

/** A custom rule's variable: request and response collections. */
export class RuleVariable {
  @OneOf(RULE_COLLECTIONS) collection: string;
  @Nullable() @variableKey(RULE_COLLECTIONS) key?: string | null;
}

class TargetedBody {
  /** Checked when given, and when neither target is: then it names the missing choice. */
  @ApiPropertyOptional(RULE_ID)
  @ValidateIf((body: TargetedBody) => given(body.ruleId) || !given(body.tag))
  @Rules(
    Rule('one-target', (_, body) => (given(body.ruleId) === given(body.tag) ? 'exactly one of ruleId or tag is required' : undefined)),
    Int(900000, 999999),
    Rule('setup', (id) => ((id as number) <= 900999 ? '900000–900999 is the panel-generated CRS setup and cannot be targeted, even with force' : undefined)),
  )
  ruleId?: number | null;
  @ApiPropertyOptional(TAG) @ValidateIf((body: TargetedBody) => given(body.tag) && !given(body.ruleId)) @Text({ min: 1, max: 128, pattern: TAG_PATTERN }) tag?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 }) @Nullable() @Text({ max: 1000 }) comment?: string | null;
  @ApiPropertyOptional({ default: false, description: 'Admin only: allow a protected target (scoring, initialisation, reporting rules)' })
  @Absentable()
  @Bool()
  force?: boolean;
}

export class OverrideBody extends TargetedBody {}

const pathProblem = (text: string) => {
  const segments = text.split('/').slice(1);
  const bad = !text.startsWith('/') || text.endsWith('/') || segments.some((segment) => !PATH_SEGMENT.test(segment) || segment === '.' || segment === '..');
  return bad ? 'must start with /, have no trailing /, and non-empty segments of URL path characters (no %, ?, #, . or ..)' : undefined;
};

export class ExclusionBody extends TargetedBody {
  /** Checked when given, and when no scope is: then it names the missing scope. */
  @ApiPropertyOptional({ type: VariableDto, nullable: true, description: 'Exclude only this variable; null removes the whole rule' })
  @ValidateIf((body: ExclusionBody) => given(body.variable) || (!given(body.vhostId) && !given(body.path)))
  @Rules(
    Rule('scope', (variable) =>
      given(variable) ? undefined : 'an exclusion needs a variable, a vhost or a path; to disable a rule everywhere, use an override',
    ),
    Nested(() => VariableDto),
  )
  variable?: VariableDto | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Only for this vhost' }) @Nullable() @Uuid() vhostId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 512, example: '/search', description: 'Only under this path' })
  @Nullable()
  @Rules(Text({ min: 2, max: 512 }), Rule('path', (text) => pathProblem(text as string)))
  path?: string | null;
}

function reservedRuleId(ruleId: number): string | undefined {
  if (ruleId >= 90000 && ruleId <= 99999) return 'is reserved for rules generated by the panel (90000–99999)';
  if (ruleId >= 900000 && ruleId <= 999999) return 'is in the range reserved for the OWASP CRS (900000–999999)';
  if (ruleId >= 9000000 && ruleId <= 9999999) return 'is in the range reserved for CRS project plugins (9000000–9999999)';
  if (ruleId >= 100000) return 'is in a range reserved for registered vendors (100000 and above); use 1–89999';
  return undefined;
}

export class CustomRuleBody {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'In the tenant custom-rule range' })
  @Rules(Int(1, Number.MAX_SAFE_INTEGER), Rule('reserved', (id) => reservedRuleId(id as number)))
  ruleId: number;
  @ApiPropertyOptional({ default: true }) @Absentable() @Bool() enabled?: boolean;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) @Int(1, 4) phase: number;
  @ApiProperty({ type: [VariableDto], minItems: 1, maxItems: 10 }) @NestedList(() => RuleVariable, 1, 10) variables: VariableDto[];
  @ApiProperty({ enum: OPERATORS }) @OneOf(OPERATORS) operator: string;
  @ApiPropertyOptional({ default: false }) @Absentable() @Bool() negate?: boolean;
  /** Its grammar depends on the operator: see rule-validation.ts. */
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The operator argument (none for detectSQLi and detectXSS)' })
  @Allow()
  argument?: string | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', enum: [...TRANSFORMATIONS] }, maxItems: 10, default: [] })
  @Absentable()
  @List(0, 10)
  transformations?: string[];
  @ApiProperty({ enum: ['deny', 'log', 'allow'] }) @OneOf(['deny', 'log', 'allow']) action: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 100, maximum: 599, description: 'Only with action deny (default 403)' })
  @Nullable()
  @Rules(
    Rule('deny-only', (_, rule) => (rule.action === 'deny' ? undefined : 'is only allowed with action deny')),
    Int(100, 599),
    Rule('status', (status) => (STATUSES.includes(status as number) ? undefined : `must be one of ${STATUSES.join(', ')}`)),
  )
  status?: number | null;
  @ApiProperty({ enum: SEVERITIES }) @OneOf(SEVERITIES) severity: string;
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'Printable ASCII' })
  @Rules(
    Text({ min: 1, max: 200 }),
    Rule('message', (message) =>
      !MESSAGE.test(message as string) || /['"\\]|%\{/.test(message as string) || message !== (message as string).trim()
        ? 'must be printable ASCII without \' " \\ or %{, and without leading or trailing spaces'
        : undefined,
    ),
  )
  message: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 }) @Nullable() @Text({ max: 1000 }) comment?: string | null;
}

/** A written child carries the policy's new version: the policy's ETag moved with it. */
const written = (view: Type<object>, name: string): Type<object> => {
  class Written extends view {
    @ApiProperty({ type: 'integer', description: 'The policy version after this write' }) policyVersion: number;
  }
  Object.defineProperty(Written, 'name', { value: name });
  return Written;
};

export const WrittenOverride = written(OverrideView, 'WrittenOverride');
export const WrittenExclusion = written(ExclusionView, 'WrittenExclusion');
export const WrittenCustomRule = written(CustomRuleView, 'WrittenCustomRule');
