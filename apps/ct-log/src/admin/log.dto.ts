import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SthView } from '../public/ct-v1.dto';

/*
 * The published schemas of the admin API. The service checks bodies itself (every bad field named
 * in one 422, immutable fields refused on PATCH, roots parsed as CA certificates).
 */

class LogConfigBody {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100000, description: 'Submissions waiting to be sequenced before 503' }) pool_size?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4096 }) batch_max_size?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 10, maximum: 60000 }) batch_max_age_ms?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1000, maximum: 3600000, description: 'Re-sign the head when idle this long' }) idle_resign_ms?: number;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 3600 },
    minItems: 2,
    maxItems: 2,
    description: '[min, max] Retry-After seconds',
  })
  retry_after_s?: number[];
  @ApiPropertyOptional({ type: 'integer', minimum: 2, maximum: 20 }) max_chain_length?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000 }) get_entries_max?: number;
  @ApiPropertyOptional({ enum: ['token', 'open'], description: 'open: anyone may submit (rate-limited per client address)' }) submission?: string;
}

export class CreateLogBody {
  @ApiProperty({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$' }) name: string;
  @ApiProperty({ enum: ['rfc6962', 'events'], description: 'rfc6962: certificate chains; events: the certificate audit API' }) kind: string;
  @ApiProperty({ maxLength: 300, example: 'file:shard-a.pem', description: 'A key file or secret reference; "generate" in dev mode' }) key: string;
  @ApiPropertyOptional({ maxLength: 1000, default: '' }) description?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Temporal shard: first accepted notAfter (with not_after_limit)' }) not_after_start?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Temporal shard: notAfter must be before this' }) not_after_limit?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 31536000, default: 604800 }) read_only_grace_s?: number;
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'Accepted roots, base64 DER or PEM (rfc6962 logs only)' }) roots?: string[];
  @ApiPropertyOptional({ type: LogConfigBody }) config?: LogConfigBody;
}

export class UpdateLogBody {
  @ApiPropertyOptional({ maxLength: 1000 }) description?: string;
  @ApiPropertyOptional({ type: LogConfigBody }) config?: LogConfigBody;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 31536000 }) read_only_grace_s?: number;
  @ApiPropertyOptional({ enum: ['active', 'read_only'], description: 'read_only is irreversible' }) state?: string;
}

export class AddRootBody {
  @ApiProperty({ description: 'A CA certificate, base64 DER or PEM' }) certificate: string;
}

export class RootView {
  @ApiProperty({ pattern: '^[0-9A-F]{64}$', description: 'SHA-256 of the DER, uppercase hex' }) fingerprint: string;
  @ApiProperty() subject: string;
  @ApiProperty({ format: 'date-time' }) not_after: string;
}

class LogConfigView {
  @ApiProperty({ type: 'integer' }) pool_size: number;
  @ApiProperty({ type: 'integer' }) batch_max_size: number;
  @ApiProperty({ type: 'integer' }) batch_max_age_ms: number;
  @ApiProperty({ type: 'integer' }) idle_resign_ms: number;
  @ApiProperty({ type: [Number] }) retry_after_s: number[];
  @ApiProperty({ type: 'integer' }) max_chain_length: number;
  @ApiProperty({ type: 'integer' }) get_entries_max: number;
  @ApiProperty({ enum: ['token', 'open'] }) submission: string;
}

export class LogView {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['rfc6962', 'events'] }) kind: string;
  @ApiProperty({ example: 'active' }) state: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'The checkpoint origin line' }) origin: string;
  @ApiProperty({ format: 'byte', description: 'SHA-256 of the public key, base64' }) log_id: string;
  @ApiProperty({ format: 'byte', description: 'SubjectPublicKeyInfo DER, base64' }) public_key: string;
  @ApiProperty() key_ref: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) not_after_start: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) not_after_limit: string | null;
  @ApiProperty({ type: 'integer' }) read_only_grace_s: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) read_only_at: string | null;
  @ApiProperty({ type: LogConfigView }) config: LogConfigView;
  @ApiProperty({ type: [RootView] }) roots: RootView[];
  @ApiProperty({ type: 'integer', nullable: true }) tree_size: number | null;
  @ApiProperty({ type: SthView, nullable: true }) sth: SthView | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({ type: 'integer', description: 'The weak ETag W/"<version>"' }) version: number;
}

export class LogList {
  @ApiProperty({ type: [LogView] }) logs: LogView[];
}
