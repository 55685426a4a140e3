import { iso, isoOrNull, numOrNull } from '@lib/persistence';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { EnumParam, LimitParam, OffsetParam } from '../common/validators';

export const PIPELINE_STATUSES = ['created', 'running', 'succeeded', 'failed', 'cancelled', 'waiting'] as const;

export class ListPipelinesQuery {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) source_id?: string;
  @EnumParam(PIPELINE_STATUSES) status?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) skip?: number;
  @OffsetParam() offset?: number;
  @LimitParam(200, 50) limit: number = 50;
}

export class ListRunsQuery {
  @LimitParam(100, 20) limit: number = 20;
  @OffsetParam() offset: number = 0;
}

export class PipelineRecord {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() source_id: string;
  @ApiProperty() pipeline_type: string;
  @ApiProperty({ enum: PIPELINE_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_run_at: string | null;
  @ApiProperty({ nullable: true, type: String }) schedule_cron: string | null;
  @ApiProperty({ nullable: true, type: String }) adf_pipeline_id: string | null;
  @ApiProperty({ description: "The source's domain" }) domain: string;
}

export class PipelineRun {
  @ApiProperty() id: string;
  @ApiProperty() pipeline_id: string;
  @ApiProperty({ enum: PIPELINE_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) started_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) ended_at: string | null;
  @ApiProperty({ nullable: true, type: Number }) rows_read: number | null;
  @ApiProperty({ nullable: true, type: Number }) rows_written: number | null;
  @ApiProperty({ nullable: true, type: String }) error_message: string | null;
  @ApiProperty({ nullable: true, type: Number }) duration_seconds: number | null;
}

export function pipelineFromRow(row: Record<string, unknown>): PipelineRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    source_id: String(row.source_id),
    pipeline_type: String(row.pipeline_type),
    status: String(row.status),
    created_at: iso(row.created_at),
    last_run_at: isoOrNull(row.last_run_at),
    schedule_cron: (row.schedule_cron as string | null) ?? null,
    adf_pipeline_id: (row.adf_pipeline_id as string | null) ?? null,
    domain: String(row.domain),
  };
}

export function runFromRow(row: Record<string, unknown>): PipelineRun {
  return {
    id: String(row.id),
    pipeline_id: String(row.pipeline_id),
    status: String(row.status),
    started_at: iso(row.started_at),
    ended_at: isoOrNull(row.ended_at),
    rows_read: numOrNull(row.rows_read),
    rows_written: numOrNull(row.rows_written),
    error_message: (row.error_message as string | null) ?? null,
    duration_seconds: numOrNull(row.duration_seconds),
  };
}
