import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '@lib/platform';
import { LogAdminService } from './log-admin.service';

/** Spec §7: the tenant's logs, Admin only. */
@ApiTags('admin')
@Controller('api/v1/admin/logs')
@Roles('Admin')
export class LogAdminController {
  constructor(
    private readonly logs: LogAdminService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a log (its key is a file or secret reference; "generate" in dev mode)' })
  @ApiProblems(409, 422)
  async create(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const log = await this.logs.create(body);
    void reply.status(201).header('location', `/api/v1/admin/logs/${String(log.name)}`).header('etag', `W/"${String(log.version)}"`);
    return log;
  }

  @Get()
  @ApiOperation({ summary: 'The tenant logs' })
  @ApiProblems()
  async list() {
    return { logs: await this.logs.list() };
  }

  @Get(':name')
  @ApiOperation({ summary: 'One log' })
  @ApiProblems(404)
  async get(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const log = await this.logs.get(name);
    void reply.header('etag', `W/"${String(log.version)}"`);
    return log;
  }

  @Patch(':name')
  @ApiOperation({ summary: 'Change description, config, grace, or make the log read-only (irreversible)' })
  @ApiProblems(404, 409, 412, 422)
  async update(@Param('name') name: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const log = await this.logs.update(name, body, ifMatch);
    void reply.header('etag', `W/"${String(log.version)}"`);
    return log;
  }

  @Post(':name/roots')
  @ApiOperation({ summary: 'Accept a root certificate (base64 DER or PEM)' })
  @ApiProblems(404, 409, 422)
  async addRoot(@Param('name') name: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.status(201);
    return this.logs.addRoot(name, body);
  }

  @Delete(':name/roots/:fingerprint')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop accepting a root' })
  @ApiProblems(404)
  async removeRoot(@Param('name') name: string, @Param('fingerprint') fingerprint: string) {
    await this.logs.removeRoot(name, fingerprint);
  }

}
