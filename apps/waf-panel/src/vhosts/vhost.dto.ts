import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { StampedView } from '../common/stamped.dto';

/*
 * The published schemas of vhosts. The panel checks bodies itself (domain and backend URL rules,
 * TLS consistency, every bad field in one 422) and normalises them (lowercase, defaults).
 */

class BackendBody {
  @ApiProperty({ maxLength: 2048, example: 'http://app:8080', description: 'scheme://host[:port]: http or https, DNS name, IPv4 or bracketed IPv6' })
  url: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 1 }) weight?: number;
}

class TlsBody {
  @ApiPropertyOptional({ enum: ['off', 'terminate'], default: 'off' }) mode?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 253, description: 'The Kubernetes secret holding the certificate; only with mode terminate' })
  certificateRef?: string | null;
  @ApiPropertyOptional({ enum: ['1.2', '1.3'], default: '1.2' }) minVersion?: string;
  @ApiPropertyOptional({ description: 'Defaults to true with mode terminate' }) redirectHttp?: boolean;
}

export class CreateVhostBody {
  @ApiProperty({ maxLength: 253, example: 'shop.example.com', description: 'A DNS name (optionally *.), stored lowercase; unique in the tenant' })
  domain: string;
  @ApiPropertyOptional({ maxLength: 1000, default: '' }) description?: string;
  @ApiPropertyOptional({ default: true }) enabled?: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) policyId?: string | null;
  @ApiProperty({ type: [BackendBody], minItems: 1, maxItems: 16 }) backends: BackendBody[];
  @ApiPropertyOptional({ type: TlsBody }) tls?: TlsBody;
}

export class UpdateVhostBody extends PartialType(CreateVhostBody) {}

class BackendView {
  @ApiProperty() url: string;
  @ApiProperty({ type: 'integer' }) weight: number;
}

class TlsView {
  @ApiProperty({ enum: ['off', 'terminate'] }) mode: string;
  @ApiProperty({ type: String, nullable: true }) certificateRef: string | null;
  @ApiProperty({ enum: ['1.2', '1.3'] }) minVersion: string;
  @ApiProperty() redirectHttp: boolean;
}

class VhostContent {
  @ApiProperty() domain: string;
  @ApiProperty() description: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) policyId: string | null;
  @ApiProperty({ type: [BackendView] }) backends: BackendView[];
  @ApiProperty({ type: TlsView }) tls: TlsView;
}

export class VhostView extends IntersectionType(VhostContent, StampedView) {}
