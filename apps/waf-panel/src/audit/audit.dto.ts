import { Absentable, ApiAnyJson, OneOf, Uuid } from '@lib/platform';
import { QueryInstant, QueryText } from '../common/list-query';
import { ApiProperty } from '@nestjs/swagger';

const OUTCOMES = ['success', 'denied', 'precondition_failed', 'failed'] as const;
/** The audit search's filters; `limit` and `cursor` are the list's own. */
export class AuditSearchQuery {
  @QueryText(50) entityType?: string;
  @QueryText(100) entityId?: string;
  @Absentable() @Uuid() policyId?: string;
  @QueryText(200) actor?: string;
  @QueryText(100) action?: string;
  @Absentable() @OneOf(OUTCOMES) outcome?: (typeof OUTCOMES)[number];
  @QueryInstant() from?: string;
  @QueryInstant() to?: string;
  @QueryText(500) q?: string;
}

class AuditActor {
  @ApiProperty() sub: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ example: 'user' }) type: string;
  @ApiProperty({ type: [String] }) roles: string[];
}

class AuditEntity {
  @ApiProperty({ example: 'policy' }) type: string;
  @ApiProperty({ type: String, nullable: true }) id: string | null;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
}

class AuditParent {
  @ApiProperty() type: string;
  @ApiProperty() id: string;
}

class AuditChange {
  @ApiProperty({ description: 'JSON Pointer' }) path: string;
  @ApiAnyJson('Any JSON value') from: unknown;
  @ApiAnyJson('Any JSON value') to: unknown;
}

export class AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: AuditActor }) actor: AuditActor;
  @ApiProperty({ example: 'policy.update' }) action: string;
  @ApiProperty({ enum: ['success', 'denied', 'precondition_failed', 'failed'] }) outcome: string;
  @ApiProperty({ type: AuditEntity }) entity: AuditEntity;
  @ApiProperty({ type: AuditParent, nullable: true }) parent: AuditParent | null;
  @ApiAnyJson('The entity before, secrets masked') before: unknown;
  @ApiAnyJson('The entity after, secrets masked') after: unknown;
  @ApiProperty({ type: [AuditChange] }) changes: AuditChange[];
  @ApiProperty() forced: boolean;
  @ApiProperty({ type: String, nullable: true }) correlationId: string | null;
  @ApiProperty({ type: String, nullable: true }) clientIp: string | null;
  @ApiProperty({ type: String, nullable: true }) httpMethod: string | null;
  @ApiProperty({ type: String, nullable: true }) httpPath: string | null;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
}
