import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '@lib/platform';
import { AddRootBody, CreateLogBody, LogList, LogView, RootView, UpdateLogBody } from './log.dto';
import { LogAdminService } from './log-admin.service';

/** The tenant's logs, Admin only. */
@ApiTags('admin')
@Controller('api/v1/admin/logs')
@Roles('Admin')
export class LogAdminController {
  constructor(private readonly logs: LogAdminService) {}

  @Post()
  @ApiOperation({ summary: 'Create a log (its key is a file or secret reference; "generate" in dev mode)' })
  @ApiBody({ type: CreateLogBody })
  @ApiCreatedResponse({ type: LogView })
  @ApiProblems(409, 422)
  async create(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const log = await this.logs.create(body);
    void reply
      .status(201)
      .header('location', `/api/v1/admin/logs/${String(log.name)}`)
      .header('etag', `W/"${String(log.version)}"`);
    return log;
  }

  @Get()
  @ApiOperation({ summary: 'The tenant logs' })
  @ApiOkResponse({ type: LogList })
  @ApiProblems()
  async list() {
    return { logs: await this.logs.list() };
  }

  @Get(':name')
  @ApiOperation({ summary: 'One log (weak ETag)' })
  @ApiOkResponse({ type: LogView })
  @ApiProblems(404)
  async get(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const log = await this.logs.get(name);
    void reply.header('etag', `W/"${String(log.version)}"`);
    return log;
  }

  @Patch(':name')
  @ApiOperation({ summary: 'Change description, config, grace, or make the log read-only (irreversible)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the read' })
  @ApiBody({ type: UpdateLogBody })
  @ApiOkResponse({ type: LogView })
  @ApiProblems(404, 409, 412, 422)
  async update(
    @Param('name') name: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const log = await this.logs.update(name, body, ifMatch);
    void reply.header('etag', `W/"${String(log.version)}"`);
    return log;
  }

  @Post(':name/roots')
  @ApiOperation({ summary: 'Accept a root certificate (base64 DER or PEM)' })
  @ApiBody({ type: AddRootBody })
  @ApiCreatedResponse({ type: RootView })
  @ApiProblems(404, 409, 422)
  async addRoot(@Param('name') name: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.status(201);
    return this.logs.addRoot(name, body);
  }

  @Delete(':name/roots/:fingerprint')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop accepting a root' })
  @ApiNoContentResponse({ description: 'The root is no longer accepted' })
  @ApiProblems(404)
  async removeRoot(@Param('name') name: string, @Param('fingerprint') fingerprint: string) {
    await this.logs.removeRoot(name, fingerprint);
  }
}
