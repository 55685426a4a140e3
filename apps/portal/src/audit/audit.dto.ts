import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { EnumParam, LimitParam, OffsetParam } from '../common/validators';
import { AUDIT_ACTIONS } from '../common/audit-actions';

export class ListAuditEventsQuery {
  @EnumParam(AUDIT_ACTIONS) action?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @MaxLength(64) resource_type?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) resource_id?: string;
  @ApiPropertyOptional({ maxLength: 256, description: 'Matches actor.sub or actor.email' }) @IsOptional() @IsString() @MaxLength(256) actor?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive' }) @IsOptional() @IsISO8601({ strict: true }) since?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive' }) @IsOptional() @IsISO8601({ strict: true }) until?: string;
  @EnumParam(['asc', 'desc']) order?: 'asc' | 'desc';
  @LimitParam(500, 100) limit: number = 100;
  @OffsetParam() offset: number = 0;
}

export class AuditVerification {
  @ApiProperty() valid: boolean;
  @ApiProperty() events_checked: number;
  @ApiProperty() head_seq: number;
  @ApiProperty({ type: String, nullable: true }) head_hash: string | null;
  @ApiProperty({ type: Number, nullable: true }) first_invalid_seq: number | null;
}
