import { ApiAnyJson } from '@lib/platform';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { StampedView } from '../common/stamped.dto';
import { CustomRuleView, ExclusionView, OverrideView } from './children.dto';
import { MODES } from './policy-settings';

const limit = (max: number, description: string) =>
  ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: max, description: `${description}; null leaves the CRS default` });

/**
 * A policy's own settings as the API takes them. The panel checks them itself (every bad field
 * named in one 422, cross-field rules included); this class is their published schema.
 */
export class PolicySettingsFields {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'Unique in the tenant (trimmed)' }) name: string;
  @ApiPropertyOptional({ maxLength: 1000, default: '' }) description?: string;
  @ApiPropertyOptional({ enum: MODES, default: 'detection_only' }) mode?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4, default: 1 }) blockingParanoiaLevel?: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 4, description: 'At least blockingParanoiaLevel; null follows it' })
  detectionParanoiaLevel?: number | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, default: 5 }) inboundAnomalyThreshold?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, default: 4 }) outboundAnomalyThreshold?: number;
  @ApiPropertyOptional({ default: false, description: 'CRS 4 only (422 on CRS 3)' }) earlyBlocking?: boolean;
  @ApiPropertyOptional({ default: false }) enforceUrlencodedBodyProcessor?: boolean;
  @ApiPropertyOptional({ default: false, description: 'CRS 4 only (422 on CRS 3)' }) skipResponseAnalysis?: boolean;
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 20, example: ['GET', 'HEAD', 'OPTIONS', 'POST'] }) allowedMethods?: string[];
  @ApiPropertyOptional({ type: [String], nullable: true, minItems: 1, maxItems: 50, description: 'null leaves the CRS default' }) allowedRequestContentTypes?:
    string[] | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 1024, maximum: 1073741824, default: 13107200 }) requestBodyLimitBytes?: number;
  @limit(10000, 'tx.max_num_args') maxNumArgs?: number | null;
  @limit(10000, 'tx.arg_name_length') argNameLength?: number | null;
  @limit(1000000, 'tx.arg_length') argLength?: number | null;
  @limit(100000000, 'tx.total_arg_length') totalArgLength?: number | null;
  @limit(1073741824, 'tx.max_file_size') maxFileSize?: number | null;
  @limit(1073741824, 'tx.combined_file_sizes') combinedFileSizes?: number | null;
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'IPv4/IPv6 addresses or CIDR ranges' }) ipAllow?: string[];
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'IPv4/IPv6 addresses or CIDR ranges' }) ipDeny?: string[];
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
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 999999999 }) toRevision: number;
  @ApiPropertyOptional({ maxLength: 1000 }) comment?: string;
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
  @ApiProperty({ example: 'waf-panel/policies' }) format: string;
  @ApiProperty({ type: 'integer', example: 1 }) formatVersion: number;
  @ApiProperty({ example: '3.3.4' }) crsVersion: string;
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ type: [ExportedPolicy] }) policies: ExportedPolicy[];
}

/** The import body: an export document (formatVersion 1); a policy's name is its identity. */
export class ImportDocument extends OmitType(ExportDocument, ['exportedAt', 'crsVersion'] as const) {
  @ApiPropertyOptional({ example: '3.3.4' }) crsVersion?: string;
  @ApiPropertyOptional({ format: 'date-time' }) exportedAt?: string;
}

class ImportOutcome {
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ enum: ['created', 'replaced', 'unchanged'] }) result: string;
}

export class ImportResult {
  @ApiProperty({ type: [ImportOutcome] }) results: ImportOutcome[];
}
