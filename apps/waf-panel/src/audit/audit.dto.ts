import { applyDecorators } from '@nestjs/common';
import { Absentable, ApiAnyJson, OneOf, Rule, Rules, Text, Uuid } from '@lib/platform';
import { ApiProperty } from '@nestjs/swagger';

const OUTCOMES = ['success', 'denied', 'precondition_failed', 'failed'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

const filter = (max: number) => applyDecorators(Absentable(), Text({ min: 1, max }));
const instant = () =>
  applyDecorators(
    Absentable(),
    Rules(
      Text({ min: 1, max: 30 }),
      Rule('instant', (value) =>
        ISO.test(value as string) && !Number.isNaN(Date.parse(value as string)) ? undefined : 'must be an ISO-8601 UTC timestamp like 2026-01-31T12:00:00.000Z',
      ),
    ),
  );

/** The audit search's filters; `limit` and `cursor` are the list's own. */
export class AuditSearchQuery {
  @filter(50) entityType?: string;
  @filter(100) entityId?: string;
  @Absentable() @Uuid() policyId?: string;
  @filter(200) actor?: string;
  @filter(100) action?: string;
  @Absentable() @OneOf(OUTCOMES) outcome?: (typeof OUTCOMES)[number];
  @instant() from?: string;
  @instant() to?: string;
  @filter(500) q?: string;
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
