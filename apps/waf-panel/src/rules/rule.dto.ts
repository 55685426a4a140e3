import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CustomRuleView, ExclusionView, OverrideView } from '../policies/children.dto';
import { TARGET_COLLECTIONS } from './rule-validation';
import { OPERATORS, TRANSFORMATIONS } from '../policies/rule-content';

/*
 * The published schemas of a policy's children. The panel checks bodies itself (exactly one of
 * ruleId or tag, protected targets, catalogue membership, every bad field in one 422).
 */

const RULE_ID = { type: 'integer', minimum: 900000, maximum: 999999, nullable: true, description: 'A CRS rule id; exactly one of ruleId or tag' } as const;
const TAG = {
  type: String,
  nullable: true,
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9_./-]{1,128}$',
  description: 'A CRS tag; exactly one of ruleId or tag',
} as const;

export class VariableDto {
  @ApiProperty({
    example: 'ARGS',
    description: `For exclusions one of ${TARGET_COLLECTIONS.join(', ')}; custom rules take request and response collections too`,
  })
  collection: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 128,
    example: 'comment',
    description: 'A literal key (no regex); required for keyed collections',
  })
  key?: string | null;
}

class TargetedBody {
  @ApiPropertyOptional(RULE_ID) ruleId?: number | null;
  @ApiPropertyOptional(TAG) tag?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 }) comment?: string | null;
  @ApiPropertyOptional({ default: false, description: 'Admin only: allow a protected target (scoring, initialisation, reporting rules)' }) force?: boolean;
}

export class OverrideBody extends TargetedBody {}

export class ExclusionBody extends TargetedBody {
  @ApiPropertyOptional({ type: VariableDto, nullable: true, description: 'Exclude only this variable; null removes the whole rule' })
  variable?: VariableDto | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Only for this vhost' }) vhostId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 512, example: '/search', description: 'Only under this path' }) path?: string | null;
}

export class CustomRuleBody {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'In the tenant custom-rule range' }) ruleId: number;
  @ApiPropertyOptional({ default: true }) enabled?: boolean;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) phase: number;
  @ApiProperty({ type: [VariableDto], minItems: 1, maxItems: 10 }) variables: VariableDto[];
  @ApiProperty({ enum: OPERATORS }) operator: string;
  @ApiPropertyOptional({ default: false }) negate?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The operator argument (none for detectSQLi and detectXSS)' }) argument?: string | null;
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', enum: [...TRANSFORMATIONS] }, maxItems: 10, default: [] }) transformations?: string[];
  @ApiProperty({ enum: ['deny', 'log', 'allow'] }) action: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 100, maximum: 599, description: 'Only with action deny (default 403)' }) status?:
    number | null;
  @ApiProperty({ enum: ['CRITICAL', 'ERROR', 'WARNING', 'NOTICE'] }) severity: string;
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'Printable ASCII' }) message: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 }) comment?: string | null;
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
