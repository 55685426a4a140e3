import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@lib/platform';
import { HUMAN_ROLES } from '../common/caller';
import type { Json } from '@lib/platform';
import { idParam } from '../common/problems';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/v1/audit-events')
@Roles(...HUMAN_ROLES)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Search the audit log, newest first: entityType, entityId, policyId, actor, action (or prefix.*), outcome, from, to, q' })
  @ApiProblems(422)
  search(@Query() query: Json) {
    return this.audit.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One audit entry' })
  @ApiProblems(404)
  get(@Param('id', idParam('Audit event')) id: string) {
    return this.audit.get(id);
  }
}
