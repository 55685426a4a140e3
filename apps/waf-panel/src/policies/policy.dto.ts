import { applyDecorators } from '@nestjs/common';
import { Allow } from 'class-validator';
import { Absentable, ApiAnyJson, Bool, Int, List, Nullable, OneOf, Required, Rule, Rules, Text } from '@lib/platform';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { StampedView } from '../common/stamped.dto';
import { CustomRuleView, ExclusionView, OverrideView } from './children.dto';

export const EXPORT_FORMAT = 'waf-panel/policies';
export const MODES = ['off', 'detection_only', 'blocking'] as const;

const limit = (max: number, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: max, description: `${description}; null leaves the CRS default` }),
    Nullable(),
    Int(1, max),
  );

const paranoia = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4 ? value : undefined);

/**
 * A policy's own settings as the API takes them, and the rules each field is checked against.
 * The panel checks the full candidate (defaults or the stored state with the body merged over
 * them), so every field is present when these run; rules that need the engine's CRS version or
 * parse list entries one by one live in policy-settings.ts.
 */
export class PolicySettingsFields {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'Unique in the tenant (trimmed)' })
  @Rules(
    Required(),
    Text({ max: 1000 }),
    Rule('trimmed', (value) =>
      (value as string).trim().length < 1 || (value as string).trim().length > 100 ? 'must be 1–100 characters after trimming' : undefined,
    ),
  )
  name: string;
  @ApiPropertyOptional({ maxLength: 1000, default: '' }) @Text({ max: 1000 }) description?: string;
  @ApiPropertyOptional({ enum: MODES, default: 'detection_only' }) @OneOf(MODES) mode?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4, default: 1 })
  @Rules(
    Int(1, 4),
    Rule('paranoia', (value, settings) =>
      (paranoia(settings.detectionParanoiaLevel) ?? Infinity) < (value as number) ? 'must not exceed detectionParanoiaLevel' : undefined,
    ),
  )
  blockingParanoiaLevel?: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 4, description: 'At least blockingParanoiaLevel; null follows it' })
  @Nullable()
  @Rules(
    Int(1, 4),
    Rule('paranoia', (value, settings) =>
      (value as number) < (paranoia(settings.blockingParanoiaLevel) ?? -Infinity) ? 'must be at least blockingParanoiaLevel (or null to follow it)' : undefined,
    ),
  )
  detectionParanoiaLevel?: number | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, default: 5 }) @Int(1, 10000) inboundAnomalyThreshold?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, default: 4 }) @Int(1, 10000) outboundAnomalyThreshold?: number;
  @ApiPropertyOptional({ default: false, description: 'CRS 4 only (422 on CRS 3)' }) @Bool() earlyBlocking?: boolean;
  @ApiPropertyOptional({ default: false }) @Bool() enforceUrlencodedBodyProcessor?: boolean;
  @ApiPropertyOptional({ default: false, description: 'CRS 4 only (422 on CRS 3)' }) @Bool() skipResponseAnalysis?: boolean;
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 20, example: ['GET', 'HEAD', 'OPTIONS', 'POST'] }) @List(1, 20) allowedMethods?: string[];
  @ApiPropertyOptional({ type: [String], nullable: true, minItems: 1, maxItems: 50, description: 'null leaves the CRS default' })
  @Nullable()
  @List(1, 50)
  allowedRequestContentTypes?: string[] | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 1024, maximum: 1073741824, default: 13107200 }) @Int(1024, 1073741824) requestBodyLimitBytes?: number;
  @limit(10000, 'tx.max_num_args') maxNumArgs?: number | null;
  @limit(10000, 'tx.arg_name_length') argNameLength?: number | null;
  @limit(1000000, 'tx.arg_length') argLength?: number | null;
  @limit(100000000, 'tx.total_arg_length') totalArgLength?: number | null;
  @limit(1073741824, 'tx.max_file_size') maxFileSize?: number | null;
  @limit(1073741824, 'tx.combined_file_sizes') combinedFileSizes?: number | null;
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'IPv4/IPv6 addresses or CIDR ranges' }) @List(0, 1000) ipAllow?: string[];
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'IPv4/IPv6 addresses or CIDR ranges' }) @List(0, 1000) ipDeny?: string[];
}

export class PolicyListQuery {
  @Absentable() @Text({ max: 100 }) q?: string;
}

export class CreatePolicyBody extends PolicySettingsFields {}

export class UpdatePolicyBody extends PartialType(PolicySettingsFields) {}

/** Settings as stored: every field present. */
class PolicySettingsView {
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: MODES }) mode: string;
  @ApiProperty({ type: 'integer' }) blockingParanoiaLevel: number;
  @ApiProperty({ type: 'integer', nullable: true }) detectionParanoiaLevel: number | null;
  @ApiProperty({ type: 'integer' }) inboundAnomalyThreshold: number;
  @ApiProperty({ type: 'integer' }) outboundAnomalyThreshold: number;
  @ApiProperty() earlyBlocking: boolean;
  @ApiProperty() enforceUrlencodedBodyProcessor: boolean;
  @ApiProperty() skipResponseAnalysis: boolean;
  @ApiProperty({ type: [String] }) allowedMethods: string[];
  @ApiProperty({ type: [String], nullable: true }) allowedRequestContentTypes: string[] | null;
  @ApiProperty({ type: 'integer' }) requestBodyLimitBytes: number;
  @ApiProperty({ type: 'integer', nullable: true }) maxNumArgs: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) argNameLength: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) argLength: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) totalArgLength: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxFileSize: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) combinedFileSizes: number | null;
  @ApiProperty({ type: [String] }) ipAllow: string[];
  @ApiProperty({ type: [String] }) ipDeny: string[];
}

export class PolicySummary extends IntersectionType(StampedView, PolicySettingsView) {
  @ApiProperty({ type: 'integer' }) assignedVhostCount: number;
}

export class PolicyView extends IntersectionType(StampedView, PolicySettingsView) {
  @ApiProperty({ type: [OverrideView] }) overrides: OverrideView[];
  @ApiProperty({ type: [ExclusionView] }) exclusions: ExclusionView[];
  @ApiProperty({ type: [CustomRuleView] }) customRules: CustomRuleView[];
  @ApiProperty({ type: [String], format: 'uuid' }) assignedVhostIds: string[];
  @ApiProperty({ type: [String] }) warnings: string[];
}

export class RollbackBody {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 999999999 }) @Int(1, 999999999) toRevision: number;
  @ApiPropertyOptional({ maxLength: 1000 }) @Absentable() @Text({ max: 1000 }) comment?: string;
}

export class RevisionView {
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ example: 'update', description: 'create, update, rollback, import, or the child change that made it' }) action: string;
  @ApiProperty({ type: 'integer', nullable: true }) rolledBackFrom: number | null;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) snapshotSha256: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() createdBy: string;
}

const CHILDREN_BY_ID = { type: 'object', additionalProperties: { type: 'object', additionalProperties: true } } as const;

export class PolicySnapshot {
  @ApiProperty({ type: PolicySettingsView }) settings: PolicySettingsView;
  @ApiProperty({ ...CHILDREN_BY_ID, description: 'Override content by id' }) overrides: Record<string, object>;
  @ApiProperty({ ...CHILDREN_BY_ID, description: 'Exclusion content by id' }) exclusions: Record<string, object>;
  @ApiProperty({ ...CHILDREN_BY_ID, description: 'Custom rule content by id' }) customRules: Record<string, object>;
}

export class RevisionDetail extends RevisionView {
  @ApiProperty({ type: PolicySnapshot }) snapshot: PolicySnapshot;
}

export class SnapshotChange {
  @ApiProperty({ enum: ['add', 'remove', 'replace'] }) op: string;
  @ApiProperty({ example: '/settings/mode', description: 'JSON Pointer into the snapshot' }) path: string;
  @ApiAnyJson('Any JSON value') before: unknown;
  @ApiAnyJson('Any JSON value') after: unknown;
}

export class RevisionDiff {
  @ApiProperty({ type: 'integer' }) from: number;
  @ApiProperty({ type: 'integer' }) to: number;
  @ApiProperty({ type: [SnapshotChange] }) changes: SnapshotChange[];
}

/** One policy in an export document: its settings and children, without ids or stamps. */
class ExportedPolicy extends PolicySettingsView {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) overrides: object[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'vhostDomain replaces vhostId' }) exclusions: object[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) customRules: object[];
}

export class ExportDocument {
  @ApiProperty({ example: EXPORT_FORMAT }) format: string;
  @ApiProperty({ type: 'integer', example: 1 }) formatVersion: number;
  @ApiProperty({ example: '3.3.4' }) crsVersion: string;
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ type: [ExportedPolicy] }) policies: ExportedPolicy[];
}

/**
 * The import body: an export document (formatVersion 1); a policy's name is its identity. Each
 * policy is checked as the API checks its parts (transfer.service.ts).
 */
export class ImportDocument extends OmitType(ExportDocument, ['exportedAt', 'crsVersion'] as const) {
  @ApiProperty({ example: EXPORT_FORMAT })
  @Rule('format', (format) => (format === EXPORT_FORMAT ? undefined : `must be ${EXPORT_FORMAT}`))
  declare format: string;
  @ApiProperty({ type: 'integer', example: 1 }) @Rule('version', (version) => (version === 1 ? undefined : 'must be 1')) declare formatVersion: number;
  @ApiPropertyOptional({ example: '3.3.4' }) @Allow() crsVersion?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @Allow() exportedAt?: string;
  @ApiProperty({ type: [ExportedPolicy] }) @List(0, 1000) declare policies: ExportedPolicy[];
}

/** The child lists of an imported policy; each item is checked as the API checks it. */
export class ImportSections {
  @Nullable() @List(0, 1000) overrides?: unknown[];
  @Nullable() @List(0, 1000) exclusions?: unknown[];
  @Nullable() @List(0, 1000) customRules?: unknown[];
}

export class ImportQuery {
  @Absentable() @OneOf(['strict', 'replace']) mode?: 'strict' | 'replace';
}

class ImportOutcome {
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ enum: ['created', 'replaced', 'unchanged'] }) result: string;
}

export class ImportResult {
  @ApiProperty({ type: [ImportOutcome] }) results: ImportOutcome[];
}
