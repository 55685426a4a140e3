import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, JsonObjectPipe, type Json, Roles } from '@lib/platform';
import { type Caller, CurrentCaller, HUMAN_ROLES, WRITER_ROLES } from '../common/caller';
import { idParam } from '../common/problems';
import { ExportDocument, ImportDocument, ImportResult } from '../policies/policy.dto';
import { TransferService } from './transfer.service';

/** Policies out of and into the tenant as export documents. */
@ApiTags('policies')
@Controller('api/v1/policies')
@Roles(...HUMAN_ROLES)
export class TransferController {
  constructor(private readonly transfer: TransferService) {}

  @Get('export')
  @ApiOperation({ summary: 'Export every policy of the tenant (audited)' })
  @ApiOkResponse({ type: ExportDocument })
  @ApiProblems()
  async exportAll(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-disposition', 'attachment; filename="waf-policies.json"');
    return this.transfer.export(null);
  }

  @Post('import')
  @HttpCode(200)
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: 'Import an export document, all or nothing; mode=strict (default) or replace' })
  @ApiQuery({ name: 'mode', required: false, enum: ['strict', 'replace'] })
  @ApiBody({ type: ImportDocument })
  @ApiOkResponse({ type: ImportResult })
  @ApiProblems(409, 413, 422)
  import(@CurrentCaller() caller: Caller, @Body(JsonObjectPipe) body: Json, @Query('mode') mode: unknown) {
    return this.transfer.import(caller, body, mode);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Export one policy (audited)' })
  @ApiOkResponse({ type: ExportDocument })
  @ApiProblems(404)
  async exportOne(@Param('id', idParam('Policy')) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-disposition', 'attachment; filename="waf-policy.json"');
    return this.transfer.export(id);
  }
}
