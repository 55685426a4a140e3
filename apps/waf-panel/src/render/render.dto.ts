import { ApiProperty } from '@nestjs/swagger';

/** A vhost's bundle as it renders now, against the bundle of the current deployment. */
export class VhostBundleView {
  @ApiProperty({ format: 'uuid' }) vhostId: string;
  @ApiProperty() domain: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty({ type: 'integer' }) policyRevision: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256: string;
  @ApiProperty({ description: 'The ModSecurity configuration' }) content: string;
  @ApiProperty({ type: [String] }) warnings: string[];
  @ApiProperty({ type: String, nullable: true, description: 'The bundle of the current deployment, if any' }) deployedSha256: string | null;
  @ApiProperty({ description: 'Whether a deployment now would change this bundle' }) pending: boolean;
}
