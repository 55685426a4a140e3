import { Absentable, Nullable, OneOf, Required, Rule, Rules, Text } from '@lib/platform';
import { isCrsVersion } from '@lib/waf';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CreateDeploymentBody {
  @ApiPropertyOptional({ pattern: '^[0-9a-f]{64}$', description: 'Publish only if the tenant still renders to this checksum (from GET /deployments/pending)' })
  @Absentable()
  @Text({ min: 64, max: 64, pattern: /^[0-9a-f]{64}$/ })
  expectedChecksum?: string;
  @ApiPropertyOptional({ maxLength: 1000, default: '' }) @Absentable() @Text({ max: 1000 }) comment?: string;
}

class DeploymentError {
  @ApiProperty() domain: string;
  @ApiProperty() message: string;
}

export class DeploymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) sequence: number;
  @ApiProperty({ example: 'published' }) status: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) checksum: string;
  @ApiProperty({ example: '3.3.4' }) crsVersion: string;
  @ApiProperty({ type: 'integer' }) renderFormat: number;
  @ApiProperty({ type: 'integer' }) fileCount: number;
  @ApiProperty({ type: [DeploymentError] }) errors: DeploymentError[];
  @ApiProperty() comment: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() createdBy: string;
}

class DeploymentFile {
  @ApiProperty({ example: 'vhosts/shop.example.com/modsecurity.conf' }) path: string;
  @ApiProperty({ format: 'uuid' }) vhostId: string;
  @ApiProperty() domain: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ type: 'integer' }) policyRevision: number;
  @ApiProperty({ type: 'integer' }) vhostVersion: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256: string;
  @ApiPropertyOptional({ description: 'With ?include=content' }) content?: string;
}

export class DeploymentDetail extends DeploymentView {
  @ApiProperty({ type: [DeploymentFile] }) files: DeploymentFile[];
}

class PendingChange {
  @ApiProperty({ format: 'uuid' }) vhostId: string;
  @ApiProperty() domain: string;
  @ApiProperty({ enum: ['added', 'modified', 'removed', 'blocked'] }) change: string;
}

export class PendingView {
  @ApiProperty() pending: boolean;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'What a deployment now would publish' }) currentChecksum: string;
  @ApiProperty({ type: String, nullable: true }) deployedChecksum: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deployedDeploymentId: string | null;
  @ApiProperty({ type: [PendingChange] }) changes: PendingChange[];
}

export class NodeView {
  @ApiProperty({ description: "The node's token subject" }) nodeId: string;
  @ApiProperty({ format: 'date-time' }) lastPullAt: string;
  @ApiProperty({ type: 'integer', example: 200, description: 'HTTP status of the last pull' }) lastPullResult: number;
  @ApiProperty({ type: String, nullable: true }) lastServedChecksum: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ description: 'Whether the node holds the current deployment' }) current: boolean;
  @ApiProperty({ type: String, nullable: true, enum: ['applied', 'failed', null], description: 'What the node reported for the last deployment it tried' })
  applyStatus: 'applied' | 'failed' | null;
  @ApiProperty({ type: String, nullable: true, description: 'The checksum that report was about' }) applyChecksum: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The engine's error when the check or reload failed" }) applyError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) appliedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'nginx/1.22.1; ModSecurity-nginx' }) engineVersion: string | null;
  @ApiProperty({ type: String, nullable: true, example: '3.3.4' }) crsVersion: string | null;
}

export class NodeReportBody {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'The checksum of the deployment the node tried' })
  @Rules(Required(), Text({ min: 64, max: 64, pattern: /^[0-9a-f]{64}$/ }))
  checksum: string;
  @ApiProperty({ enum: ['applied', 'failed'] }) @Rules(Required(), OneOf(['applied', 'failed'])) status: 'applied' | 'failed';
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 8192, description: "The engine's error text (nginx -t or the reload)" })
  @Nullable()
  @Text({ max: 8192, controls: true })
  error?: string | null;
  @ApiProperty({ maxLength: 200, example: 'nginx/1.22.1' }) @Rules(Required(), Text({ min: 1, max: 200 })) engineVersion: string;
  @ApiProperty({ example: '3.3.4', description: 'The CRS version the node loads' })
  @Rules(Required(), Text({ min: 5, max: 8 }), Rule('crs-version', (value) => (isCrsVersion(value as string) ? undefined : 'must be a CRS version like 3.3.4')))
  crsVersion: string;
}

class NodeFile {
  @ApiProperty() path: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256: string;
  @ApiProperty() content: string;
}

export class NodeBundle {
  @ApiProperty({ format: 'uuid' }) deploymentId: string;
  @ApiProperty({ type: 'integer' }) sequence: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) checksum: string;
  @ApiProperty() crsVersion: string;
  @ApiProperty({ type: 'integer' }) renderFormat: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [NodeFile] }) files: NodeFile[];
}
