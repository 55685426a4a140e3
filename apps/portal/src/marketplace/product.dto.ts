import { iso, json } from '@lib/persistence';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
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
import { CLASSIFICATIONS, DOMAIN_PATTERN, DomainName, IsBoundedMap, LimitParam, OffsetParam, OptionalNotNull } from '../common/validators';
import { OwnerDto, SchemaDefinitionDto, TAG_BOUNDS } from '../sources/source.dto';
import type { Owner, SchemaDefinition } from '../sources/source.record';

export class SlaDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 120 }) @OptionalNotNull() @IsInt() @Min(1) freshness_minutes?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 99.5 }) @OptionalNotNull() @IsNumber() @Min(0) @Max(100) availability_percent?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.95 }) @OptionalNotNull() @IsNumber() @Min(0) @Max(1) valid_row_ratio?: number;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'supported_until must be a date YYYY-MM-DD' })
  supported_until?: string | null;
}

const StringList = (max: number) => (target: object, property: string) => {
  ApiPropertyOptional({ type: [String], default: [] })(target, property);
  OptionalNotNull()(target, property);
  IsArray()(target, property);
  ArrayMaxSize(max)(target, property);
  IsString({ each: true })(target, property);
  MaxLength(512, { each: true })(target, property);
};

export class LineageDto {
  @StringList(100) upstream?: string[];
  @StringList(100) downstream?: string[];
  @StringList(100) transformations?: string[];
}

export class SchemaInfoDto {
  @ApiPropertyOptional({ default: 'delta' }) @OptionalNotNull() @IsString() @MaxLength(64) format?: string;
  @ApiPropertyOptional({ default: '' }) @OptionalNotNull() @IsString() @MaxLength(2048) location?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, default: [] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  columns?: object[];
  @StringList(64) partition_by?: string[];
}

export class QualityDimensionsDto {
  @ApiProperty() overall_score: number;
  @ApiProperty() completeness: number;
  @ApiProperty() freshness: number;
  @ApiProperty() accuracy: number;
  @ApiProperty() consistency: number;
  @ApiProperty() uniqueness: number;
  @ApiProperty({ format: 'date-time' }) measured_at: string;
}

/** The optional, writable fields of a product. */
class ProductFieldsDto {
  @ApiPropertyOptional({ enum: CLASSIFICATIONS, default: 'internal' }) @OptionalNotNull() @IsIn(CLASSIFICATIONS) classification?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } }) @OptionalNotNull() @IsBoundedMap('string', TAG_BOUNDS) tags?: Record<
    string,
    string
  >;
  @ApiPropertyOptional({ type: SchemaDefinitionDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SchemaDefinitionDto)
  schema?: SchemaDefinitionDto | null;
  @ApiPropertyOptional({ type: [String], nullable: true, maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(4000, { each: true })
  sample_queries?: string[] | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'documentation_url must be an http(s) URL' })
  documentation_url?: string | null;
  @ApiPropertyOptional({ default: '1.0.0', minLength: 1, maxLength: 32 }) @OptionalNotNull() @IsString() @Length(1, 32) version?: string;
  @ApiPropertyOptional({ default: 'active', minLength: 1, maxLength: 32 }) @OptionalNotNull() @IsString() @Length(1, 32) status?: string;
  @ApiPropertyOptional({ type: SlaDto, nullable: true }) @IsOptional() @IsObject() @ValidateNested() @Type(() => SlaDto) sla?: SlaDto | null;
  @ApiPropertyOptional({ type: LineageDto, nullable: true }) @IsOptional() @IsObject() @ValidateNested() @Type(() => LineageDto) lineage?: LineageDto | null;
  @ApiPropertyOptional({ type: SchemaInfoDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SchemaInfoDto)
  schema_info?: SchemaInfoDto | null;
}

export class CreateProductDto extends ProductFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ maxLength: 4000 }) @IsString() @MaxLength(4000) description: string;
  @ApiProperty({ pattern: DOMAIN_PATTERN.source }) @DomainName() domain: string;
  @ApiProperty({ type: OwnerDto }) @IsObject() @ValidateNested() @Type(() => OwnerDto) owner: OwnerDto;
}

/** PUT: any subset, shallow merge; `id` and `domain` only with their current values. */
export class UpdateProductDto extends ProductFieldsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 }) @OptionalNotNull() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @OptionalNotNull() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional({ type: OwnerDto }) @OptionalNotNull() @IsObject() @ValidateNested() @Type(() => OwnerDto) owner?: OwnerDto;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @OptionalNotNull() @IsNumber() @Min(0) @Max(1) availability?: number;
  @ApiPropertyOptional({ minimum: 0 }) @OptionalNotNull() @IsNumber() @Min(0) freshness_hours?: number;
  @ApiPropertyOptional({ description: 'Immutable: only the current value' }) @Allow() id?: unknown;
  @ApiPropertyOptional({ description: 'Immutable: only the current value' }) @Allow() domain?: unknown;
  @Allow() created_at?: unknown;
  @Allow() updated_at?: unknown;
  @Allow() quality_score?: unknown;
  @Allow() completeness?: unknown;
  @Allow() quality_dimensions?: unknown;
}

export const PRODUCT_SORTS = ['-quality_score', 'quality_score', 'name', '-name', 'updated_at', '-updated_at'] as const;

export class ListProductsQuery {
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @MaxLength(64) domain?: string;
  @ApiPropertyOptional({ maxLength: 256 }) @IsOptional() @IsString() @MaxLength(256) search?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @Type(() => Number) @IsNumber() @Min(0) @Max(1) min_quality?: number;
  @LimitParam(200, 50) limit: number = 50;
  @OffsetParam() offset: number = 0;
  @ApiPropertyOptional({ enum: PRODUCT_SORTS, default: '-quality_score' }) @IsOptional() @IsIn(PRODUCT_SORTS) sort: string = '-quality_score';
}

export class QualityQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 365, default: 30 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365) days: number =
    30;
}

export class QualityPoint {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() quality_score: number;
  @ApiProperty() completeness: number;
  @ApiProperty() freshness_hours: number;
  @ApiProperty() row_count: number;
}

export class DataProduct {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() domain: string;
  @ApiProperty({ type: OwnerDto }) owner: Owner;
  @ApiProperty({ enum: CLASSIFICATIONS }) classification: string;
  @ApiProperty() quality_score: number;
  @ApiProperty() freshness_hours: number;
  @ApiProperty() completeness: number;
  @ApiProperty() availability: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) tags: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
  @ApiProperty({ type: SchemaDefinitionDto, nullable: true }) schema: SchemaDefinition | null;
  @ApiProperty({ type: [String], nullable: true }) sample_queries: string[] | null;
  @ApiProperty({ type: String, nullable: true }) documentation_url: string | null;
  @ApiProperty() version: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: SlaDto, nullable: true }) sla: Record<string, unknown> | null;
  @ApiProperty({ type: LineageDto, nullable: true }) lineage: Record<string, unknown> | null;
  @ApiProperty({ type: SchemaInfoDto, nullable: true }) schema_info: Record<string, unknown> | null;
  @ApiProperty({ type: QualityDimensionsDto, nullable: true }) quality_dimensions: Record<string, unknown> | null;
}

export interface StoredProduct {
  readonly product: DataProduct;
  readonly version: number;
}

export function productFromRow(row: Record<string, unknown>): StoredProduct {
  return {
    version: Number(row.row_version),
    product: {
      id: String(row.id),
      name: String(row.name),
      description: String(row.description),
      domain: String(row.domain),
      owner: {
        name: String(row.owner_name),
        email: String(row.owner_email),
        team: String(row.owner_team),
        cost_center: (row.owner_cost_center as string | null) ?? null,
      },
      classification: String(row.classification),
      quality_score: Number(row.quality_score),
      freshness_hours: Number(row.freshness_hours),
      completeness: Number(row.completeness),
      availability: Number(row.availability),
      tags: json(row.tags),
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
      schema: json(row.schema_def),
      sample_queries: json(row.sample_queries),
      documentation_url: (row.documentation_url as string | null) ?? null,
      version: String(row.version),
      status: String(row.status),
      sla: json(row.sla),
      lineage: json(row.lineage),
      schema_info: json(row.schema_info),
      quality_dimensions: json(row.quality_dimensions),
    },
  };
}

export class DomainCount {
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) product_count: number;
}

export class MarketplaceStats {
  @ApiProperty({ type: 'integer' }) total_products: number;
  @ApiProperty({ type: 'integer' }) total_domains: number;
  @ApiProperty() avg_quality_score: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Products per domain name' }) products_by_domain: Record<
    string,
    number
  >;
}
