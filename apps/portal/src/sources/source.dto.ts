import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CLASSIFICATIONS, DOMAIN_PATTERN, DomainName, EnumParam, IsBoundedMap, LimitParam, OffsetParam, OptionalNotNull } from '../common/validators';
import { SOURCE_STATUSES, SOURCE_TYPES } from '../../../../migrations/portal/001_create_portal_tables';

export { SOURCE_STATUSES, SOURCE_TYPES };
const INGESTION_MODES = ['full', 'incremental', 'cdc', 'streaming'] as const;
const RULE_TYPES = ['not_null', 'unique', 'range', 'regex', 'freshness', 'completeness', 'allowed_values', 'referential'] as const;
const SEVERITIES = ['warning', 'error', 'critical'] as const;
const FORMATS = ['delta', 'parquet', 'csv', 'json'] as const;
export const TAG_BOUNDS = { maxEntries: 50, keyMax: 128, valueMax: 256 };

export class OwnerDto {
  @ApiProperty({ minLength: 1, maxLength: 256 }) @IsString() @Length(1, 256) name: string;
  @ApiProperty({ format: 'email', maxLength: 256 }) @IsString() @MaxLength(256) @IsEmail({}, { message: 'email must be an e-mail address' }) email: string;
  @ApiProperty({ minLength: 1, maxLength: 256 }) @IsString() @Length(1, 256) team: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 256 }) @IsOptional() @IsString() @MaxLength(256) cost_center?: string | null;
}

const ConnectionText = () => (target: object, property: string) => {
  ApiPropertyOptional({ type: String, nullable: true, maxLength: 1024 })(target, property);
  IsOptional()(target, property);
  IsString()(target, property);
  MaxLength(1024)(target, property);
};

export class ConnectionConfigDto {
  @ConnectionText() host?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 65535 }) @IsOptional() @IsInt() @Min(1) @Max(65535) port?: number | null;
  @ConnectionText() database?: string | null;
  @ConnectionText() schema?: string | null;
  @ConnectionText() container?: string | null;
  @ConnectionText() path?: string | null;
  @ConnectionText() api_url?: string | null;
  @ConnectionText() authentication_method?: string | null;
  @ConnectionText() key_vault_secret_name?: string | null;
}

export class SchemaColumnDto {
  @ApiProperty({ maxLength: 256 }) @IsString() @Length(1, 256) name: string;
  @ApiProperty({ maxLength: 128 }) @IsString() @Length(1, 128) data_type: string;
  @ApiPropertyOptional({ default: true }) @OptionalNotNull() @IsBoolean() nullable?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string | null;
  @ApiPropertyOptional({ default: false }) @OptionalNotNull() @IsBoolean() is_pii?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, enum: CLASSIFICATIONS }) @IsOptional() @IsIn(CLASSIFICATIONS) classification?: string | null;
}

export class SchemaDefinitionDto {
  @ApiProperty({ type: [SchemaColumnDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SchemaColumnDto)
  columns: SchemaColumnDto[];
  @ApiPropertyOptional({ type: [String], nullable: true }) @IsOptional() @IsArray() @IsString({ each: true }) primary_key?: string[] | null;
  @ApiPropertyOptional({ type: [String], nullable: true }) @IsOptional() @IsArray() @IsString({ each: true }) partition_columns?: string[] | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(256) watermark_column?: string | null;
}

const PositiveIntOrNull = (min: number) => (target: object, property: string) => {
  ApiPropertyOptional({ type: 'integer', nullable: true, minimum: min })(target, property);
  IsOptional()(target, property);
  IsInt()(target, property);
  Min(min)(target, property);
};

export class IngestionConfigDto {
  @ApiPropertyOptional({ enum: INGESTION_MODES, default: 'full' }) @OptionalNotNull() @IsIn(INGESTION_MODES) mode?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 128 }) @IsOptional() @IsString() @MaxLength(128) schedule_cron?: string | null;
  @PositiveIntOrNull(1) batch_size?: number | null;
  @PositiveIntOrNull(1) parallelism?: number | null;
  @PositiveIntOrNull(0) max_retry_count?: number | null;
  @PositiveIntOrNull(1) timeout_minutes?: number | null;
}

export class QualityRuleDto {
  @ApiProperty({ maxLength: 128, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }) @IsString() @MaxLength(128) @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/) rule_name: string;
  @ApiProperty({ enum: RULE_TYPES }) @IsIn(RULE_TYPES) rule_type: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 128 })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Matches(/^[A-Za-z_][A-Za-z0-9_.]*$/)
  column?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] } })
  @OptionalNotNull()
  @IsBoundedMap('scalar', { maxEntries: 50, keyMax: 128, valueMax: 1024 })
  parameters?: Record<string, string | number | boolean>;
  @ApiPropertyOptional({ enum: SEVERITIES, default: 'warning' }) @OptionalNotNull() @IsIn(SEVERITIES) severity?: string;
}

export class DataProductConfigDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @MaxLength(4000) description: string;
  @ApiProperty({ pattern: DOMAIN_PATTERN.source }) @DomainName() domain: string;
  @ApiPropertyOptional({ default: 24, exclusiveMinimum: true, minimum: 0 })
  @OptionalNotNull()
  @IsNumber()
  @Min(Number.MIN_VALUE, { message: 'sla_freshness_hours must be greater than 0' })
  sla_freshness_hours?: number;
  @ApiPropertyOptional({ default: 0.98, minimum: 0, maximum: 1 }) @OptionalNotNull() @IsNumber() @Min(0) @Max(1) sla_completeness?: number;
  @ApiPropertyOptional({ default: 0.995, minimum: 0, maximum: 1 }) @OptionalNotNull() @IsNumber() @Min(0) @Max(1) sla_availability?: number;
}

export class TargetConfigDto {
  @ApiPropertyOptional({ default: 'dlz-default' }) @OptionalNotNull() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/) landing_zone?: string;
  @ApiPropertyOptional({ default: 'bronze' }) @OptionalNotNull() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/) container?: string;
  @ApiPropertyOptional({ default: '{domain}/{source_name}/{year}/{month}/{day}' })
  @OptionalNotNull()
  @IsString()
  @Length(1, 1024)
  @Matches(/^(?!\/)(?!.*\.\.)[^\\]*$/, { message: 'path_pattern may not contain "..", "\\" or start with "/"' })
  path_pattern?: string;
  @ApiPropertyOptional({ enum: FORMATS, default: 'delta' }) @OptionalNotNull() @IsIn(FORMATS) format?: string;
  @ApiPropertyOptional({ type: [String], nullable: true }) @IsOptional() @IsArray() @IsString({ each: true }) partition_by?: string[] | null;
}

/** Every writable field of a source; `required` decides whether the registration ones must be present. */
class SourceFieldsDto {
  @ApiPropertyOptional({ maxLength: 4000, default: '' }) @OptionalNotNull() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional({ enum: CLASSIFICATIONS, default: 'internal' }) @OptionalNotNull() @IsIn(CLASSIFICATIONS) classification?: string;
  @ApiPropertyOptional({ type: SchemaDefinitionDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SchemaDefinitionDto)
  schema?: SchemaDefinitionDto | null;
  @ApiPropertyOptional({ type: IngestionConfigDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => IngestionConfigDto)
  ingestion?: IngestionConfigDto;
  @ApiPropertyOptional({ type: [QualityRuleDto], maxItems: 100 })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QualityRuleDto)
  quality_rules?: QualityRuleDto[];
  @ApiPropertyOptional({ type: TargetConfigDto }) @OptionalNotNull() @IsObject() @ValidateNested() @Type(() => TargetConfigDto) target?: TargetConfigDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, maxProperties: 50 })
  @OptionalNotNull()
  @IsBoundedMap('string', TAG_BOUNDS)
  tags?: Record<string, string>;
}

export class CreateSourceDto extends SourceFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: 128 }) @IsString() @Length(1, 128) name: string;
  @ApiProperty({ enum: SOURCE_TYPES }) @IsIn(SOURCE_TYPES) source_type: string;
  @ApiProperty({ pattern: DOMAIN_PATTERN.source }) @DomainName() domain: string;
  @ApiProperty({ type: ConnectionConfigDto }) @IsObject() @ValidateNested() @Type(() => ConnectionConfigDto) connection: ConnectionConfigDto;
  @ApiProperty({ type: OwnerDto }) @IsObject() @ValidateNested() @Type(() => OwnerDto) owner: OwnerDto;
  @ApiPropertyOptional({ type: DataProductConfigDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DataProductConfigDto)
  data_product?: DataProductConfigDto | null;
}

/** PATCH: any subset; read-only fields of the record may be echoed back and are ignored. */
export class UpdateSourceDto extends SourceFieldsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 128 }) @OptionalNotNull() @IsString() @Length(1, 128) name?: string;
  @ApiPropertyOptional({ pattern: DOMAIN_PATTERN.source }) @OptionalNotNull() @DomainName() domain?: string;
  @ApiPropertyOptional({ type: ConnectionConfigDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ConnectionConfigDto)
  connection?: ConnectionConfigDto;
  @ApiPropertyOptional({ type: OwnerDto }) @OptionalNotNull() @IsObject() @ValidateNested() @Type(() => OwnerDto) owner?: OwnerDto;
  @ApiPropertyOptional({ description: 'Must equal the path id when present.' }) @Allow() id?: unknown;
  @Allow() source_type?: unknown;
  @Allow() status?: unknown;
  @Allow() data_product?: unknown;
  @Allow() created_at?: unknown;
  @Allow() updated_at?: unknown;
  @Allow() provisioned_at?: unknown;
  @Allow() pipeline_id?: unknown;
  @Allow() purview_scan_id?: unknown;
}

export const SOURCE_SORTS = ['created_at', '-created_at', 'updated_at', '-updated_at', 'name', '-name'] as const;

export class ListSourcesQuery {
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @MaxLength(64) domain?: string;
  @EnumParam(SOURCE_STATUSES) status?: string;
  @EnumParam(SOURCE_TYPES) source_type?: string;
  @ApiPropertyOptional({ maxLength: 256, description: 'Substring of name or description, ASCII case-insensitive.' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  search?: string;
  @LimitParam(200, 50) limit: number = 50;
  @OffsetParam() offset: number = 0;
  @ApiPropertyOptional({ enum: SOURCE_SORTS, default: 'created_at' }) @IsOptional() @IsIn(SOURCE_SORTS) sort: string = 'created_at';
}
