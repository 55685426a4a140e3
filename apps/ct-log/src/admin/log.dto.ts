import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Absentable, Int, List, Nested, OneOf, Rule, Rules, Text } from '@lib/platform';
import { Allow, ValidateIf } from 'class-validator';
import { isoDateProblem } from '../formats/iso-date';
import { SthView } from '../public/ct-v1.dto';
import { CONFIG_RANGES, SUBMISSION_POLICIES } from '../store/log-record';

/*
 * The admin API's bodies: their published schemas and the rules each field is checked against.
 * Roots are parsed as CA certificates in log-input.ts.
 */

export const LOG_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_GRACE_S = 31_536_000;

const range = (key: keyof typeof CONFIG_RANGES) => Int(...CONFIG_RANGES[key]);

export class LogConfigBody {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100000, description: 'Submissions waiting to be sequenced before 503' })
  @Absentable()
  @range('pool_size')
  pool_size?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4096 }) @Absentable() @range('batch_max_size') batch_max_size?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 10, maximum: 60000 }) @Absentable() @range('batch_max_age_ms') batch_max_age_ms?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1000, maximum: 3600000, description: 'Re-sign the head when idle this long' })
  @Absentable()
  @range('idle_resign_ms')
  idle_resign_ms?: number;
  /** Its two entries are checked one by one in log-input.ts. */
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 3600 },
    minItems: 2,
    maxItems: 2,
    description: '[min, max] Retry-After seconds',
  })
  @Absentable()
  @List(2, 2)
  retry_after_s?: number[];
  @ApiPropertyOptional({ type: 'integer', minimum: 2, maximum: 20 }) @Absentable() @range('max_chain_length') max_chain_length?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000 }) @Absentable() @range('get_entries_max') get_entries_max?: number;
  @ApiPropertyOptional({ enum: SUBMISSION_POLICIES, description: 'open: anyone may submit (rate-limited per client address)' })
  @Absentable()
  @OneOf(SUBMISSION_POLICIES)
  submission?: (typeof SUBMISSION_POLICIES)[number];
}

const inShard = (body: CreateLogBody) => body.not_after_start !== undefined || body.not_after_limit !== undefined;

export class CreateLogBody {
  @ApiProperty({ minLength: 1, maxLength: 63, pattern: LOG_NAME.source })
  @Text({ min: 1, max: 63, pattern: LOG_NAME, patternMessage: 'must be lowercase letters, digits and inner hyphens (1–63)' })
  name: string;
  @ApiProperty({ enum: ['rfc6962', 'events'], description: 'rfc6962: certificate chains; events: the certificate audit API' })
  @OneOf(['rfc6962', 'events'])
  kind: 'rfc6962' | 'events';
  @ApiProperty({ maxLength: 300, example: 'file:shard-a.pem', description: 'A key file or secret reference; "generate" in dev mode' })
  @Text({ min: 1, max: 300 })
  key: string;
  @ApiPropertyOptional({ maxLength: 1000, default: '' }) @Absentable() @Text({ max: 1000 }) description?: string;
  /** A shard window takes both ends. */
  @ApiPropertyOptional({ format: 'date-time', description: 'Temporal shard: first accepted notAfter (with not_after_limit)' })
  @ValidateIf(inShard)
  @Rule('date', isoDateProblem)
  not_after_start?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Temporal shard: notAfter must be before this' })
  @ValidateIf(inShard)
  @Rules(
    Rule('date', isoDateProblem),
    Rule('window', (limit, body) =>
      isoDateProblem(body.not_after_start) === undefined && Date.parse(body.not_after_start as string) >= Date.parse(limit as string)
        ? 'must be later than not_after_start'
        : undefined,
    ),
  )
  not_after_limit?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_GRACE_S, default: 604800 }) @Absentable() @Int(0, MAX_GRACE_S) read_only_grace_s?: number;
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'Accepted roots, base64 DER or PEM (rfc6962 logs only)' })
  @Absentable()
  @Rules(Rule('events', (_, body) => (body.kind === 'events' ? 'events logs take no roots' : undefined)), List(0, 1000))
  roots?: string[];
  @ApiPropertyOptional({ type: LogConfigBody }) @Absentable() @Nested(() => LogConfigBody) config?: LogConfigBody;
}

const refused = (message: string) => Rule('refused', () => message);

export class UpdateLogBody {
  @ApiPropertyOptional({ maxLength: 1000 }) @Absentable() @Text({ max: 1000 }) description?: string;
  @ApiPropertyOptional({ type: LogConfigBody }) @Absentable() @Nested(() => LogConfigBody) config?: LogConfigBody;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_GRACE_S }) @Absentable() @Int(0, MAX_GRACE_S) read_only_grace_s?: number;
  @ApiPropertyOptional({ enum: ['active', 'read_only'], description: 'read_only is irreversible' })
  @Absentable()
  @OneOf(['active', 'read_only'])
  state?: 'active' | 'read_only';
  /* Named so a client learns why, rather than "not an accepted property". */
  @Absentable() @refused('is immutable') name?: unknown;
  @Absentable() @refused('is immutable') kind?: unknown;
  @Absentable() @refused('is immutable') key?: unknown;
  @Absentable() @refused('is immutable') not_after_start?: unknown;
  @Absentable() @refused('is immutable') not_after_limit?: unknown;
  @Absentable() @refused('is changed through /roots') roots?: unknown;
}

/** The test hook's body (dev mode only): raw leaves, each decoded in the hook. */
export class RawLeavesBody {
  @List(1, 256) leaves: string[];
}

export class AddRootBody {
  /** Parsed as a CA certificate in log-input.ts. */
  @ApiProperty({ description: 'A CA certificate, base64 DER or PEM' }) @Allow() certificate: string;
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
