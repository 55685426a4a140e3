import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '@lib/platform';
import { sendPage } from '../common/list';
import { AuditVerification, ListAuditEventsQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/v1/audit')
@Roles('Admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('events')
  @ApiOperation({ summary: 'Search the audit trail' })
  @ApiOkResponse({
    description: "The tenant's audit events (wire form)",
    headers: { 'X-Total-Count': { description: 'Matching events', schema: { type: 'integer' } } },
  })
  @ApiProblems(422)
  async events(@Query() query: ListAuditEventsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPage(reply, await this.audit.events(query));
  }

  @Get('verify')
  @ApiOperation({ summary: 'Verify the audit trail hash chain' })
  @ApiOkResponse({ type: AuditVerification })
  @ApiProblems()
  verify() {
    return this.audit.verify();
  }
}
