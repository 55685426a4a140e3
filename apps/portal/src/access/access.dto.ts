import { iso, isoOrNull } from '@lib/persistence';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { EnumParam, LimitParam, OffsetParam, OptionalNotNull } from '../common/validators';

export const ACCESS_STATUSES = ['pending', 'approved', 'denied', 'revoked', 'expired'] as const;
const ACCESS_LEVELS = ['read', 'read_write', 'admin'] as const;

export class CreateAccessRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @Length(1, 200) data_product_id: string;
  @ApiProperty({ minLength: 1, maxLength: 2000 }) @IsString() @Length(1, 2000) justification: string;
  @ApiPropertyOptional({ enum: ACCESS_LEVELS, default: 'read' }) @OptionalNotNull() @IsIn(ACCESS_LEVELS) access_level?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 365, default: 90, description: 'Also capped by the product classification' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(365)
  duration_days?: number;
}

export class ReviewDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) notes?: string | null;
}

export class ListAccessQuery {
  @EnumParam(ACCESS_STATUSES) status?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) data_product_id?: string;
  @LimitParam(200, 50) limit: number = 50;
  @OffsetParam() offset: number = 0;
  @EnumParam(['mine', 'review']) view?: 'mine' | 'review';
}

export class ListMarketplaceAccessQuery {
  @EnumParam(ACCESS_STATUSES) status?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) product_id?: string;
  @LimitParam(200, 50) limit: number = 50;
  @OffsetParam() offset: number = 0;
}

export class DenyQuery {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) review_notes?: string;
}

export class AccessRequest {
  @ApiProperty() id: string;
  @ApiProperty() requester_email: string;
  @ApiProperty() data_product_id: string;
  @ApiProperty() justification: string;
  @ApiProperty({ enum: ACCESS_LEVELS }) access_level: string;
  @ApiProperty() duration_days: number;
  @ApiProperty({ enum: ACCESS_STATUSES, description: 'Effective status: an approved grant past expires_at is expired' }) status: string;
  @ApiProperty({ format: 'date-time' }) requested_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) reviewed_at: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewed_by: string | null;
  @ApiProperty({ nullable: true, type: String }) review_notes: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at: string | null;
  @ApiProperty({ nullable: true, type: String }) elevated_review_note: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revoked_at: string | null;
  @ApiProperty({ nullable: true, type: String }) revoked_by: string | null;
  @ApiProperty({ nullable: true, type: String }) revoke_reason: string | null;
}

const text = (value: unknown) => (value as string | null) ?? null;

export function accessRequestFromRow(row: Record<string, unknown>): AccessRequest {
  return {
    id: String(row.id),
    requester_email: String(row.requester_email),
    data_product_id: String(row.data_product_id),
    justification: String(row.justification),
    access_level: String(row.access_level),
    duration_days: Number(row.duration_days),
    status: String(row.effective_status),
    requested_at: iso(row.requested_at),
    reviewed_at: isoOrNull(row.reviewed_at),
    reviewed_by: text(row.reviewed_by),
    review_notes: text(row.review_notes),
    expires_at: isoOrNull(row.expires_at),
    elevated_review_note: text(row.elevated_review_note),
    revoked_at: isoOrNull(row.revoked_at),
    revoked_by: text(row.revoked_by),
    revoke_reason: text(row.revoke_reason),
  };
}
