import { Absentable, Text } from '@lib/platform';
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
