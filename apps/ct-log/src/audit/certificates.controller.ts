import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '@lib/platform';
import { SORTS } from './certificate-query';
import {
  CertificateBySerial,
  CertificatePage,
  CertificateView,
  CrlIssuerBody,
  CrlNumberView,
  IssuedReceipt,
  RegisterCertificateBody,
  RevocationReceipt,
  RevokeBody,
  SearchView,
  StatisticsView,
  UserRevocation,
} from './certificate.dto';
import { RawQuery } from '../public/log-access';
import { SUBMITTER_ROLES } from '../submissions/submission.service';
import { CertificateReader } from './certificate-reader.service';
import { CertificateWriter, type Written } from './certificate-writer.service';
import { CrlService } from './crl.service';

const FLAG = { type: 'string', enum: ['true', 'false'] };

/** `include_pem` and `include_proof`, which every certificate read takes. */
const ApiItemOptions = () =>
  applyDecorators(
    ApiQuery({ name: 'include_pem', required: false, schema: FLAG, description: 'Add certificate_pem' }),
    ApiQuery({ name: 'include_proof', required: false, schema: FLAG, description: 'Add proof: inclusion proofs and metadata openings' }),
  );

const READER_ROLES = ['CtReader', ...SUBMITTER_ROLES];

const answer = (written: Written, reply: FastifyReply) => {
  void reply.status(written.created ? 201 : 200);
  return written.body;
};

/** The certificate audit API over the tenant's events logs (tenant from the token). */
@ApiTags('certificates')
@Controller('api/v1')
export class CertificatesController {
  constructor(
    private readonly writer: CertificateWriter,
    private readonly reader: CertificateReader,
    private readonly crl: CrlService,
  ) {}

  @Post('certificates')
  @Roles(...SUBMITTER_ROLES)
  @ApiOperation({ summary: 'Log an issued certificate (201), or get the receipt of one already logged (200)' })
  @ApiBody({ type: RegisterCertificateBody })
  @ApiCreatedResponse({ type: IssuedReceipt, description: 'Logged now' })
  @ApiOkResponse({ type: IssuedReceipt, description: 'Logged before: the original receipt' })
  @ApiProblems(409, 410, 413, 422, 503)
  async register(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    return answer(await this.writer.register(body), reply);
  }

  @Post('certificates/:fingerprint/revoke')
  @Roles(...SUBMITTER_ROLES)
  @ApiOperation({ summary: 'Log a revocation (201), or get the original one when repeated (200)' })
  @ApiBody({ type: RevokeBody })
  @ApiCreatedResponse({ type: RevocationReceipt, description: 'Revoked now' })
  @ApiOkResponse({ type: RevocationReceipt, description: 'Revoked before: the original receipt' })
  @ApiProblems(404, 409, 410, 422, 503)
  async revoke(@Param('fingerprint') fingerprint: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    return answer(await this.writer.revoke(fingerprint, body), reply);
  }

  @Post('users/:userId/revoke-certificates')
  @HttpCode(200)
  @Roles(...SUBMITTER_ROLES)
  @ApiOperation({ summary: "Revoke up to 1,000 of a user's live certificates, oldest logged first" })
  @ApiBody({ type: RevokeBody })
  @ApiOkResponse({ type: UserRevocation })
  @ApiProblems(410, 422, 503)
  revokeUser(@Param('userId') userId: string, @Body() body: unknown) {
    return this.writer.revokeUser(userId, body);
  }

  @Get('certificates')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'Filter, sort and page (keyset cursor) the tenant certificates' })
  @ApiQuery({ name: 'type', required: false, schema: { type: 'string', enum: ['client', 'server', 'intermediate'] } })
  @ApiQuery({ name: 'subject', required: false, schema: { type: 'string' }, description: 'Subject CN or DN contains' })
  @ApiQuery({ name: 'issuer', required: false, schema: { type: 'string' }, description: 'Issuer CN or DN contains' })
  @ApiQuery({ name: 'serial', required: false, schema: { type: 'string' }, description: 'Hexadecimal serial' })
  @ApiQuery({ name: 'fingerprint', required: false, schema: { type: 'string' }, description: 'SHA-256, 64 hex digits' })
  @ApiQuery({ name: 'san', required: false, schema: { type: 'string' }, description: 'SAN DNS name' })
  @ApiQuery({ name: 'user', required: false, schema: { type: 'string' }, description: 'issuing_user_id' })
  @ApiQuery({ name: 'issued_from', required: false, schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'issued_to', required: false, schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'expires_from', required: false, schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'expires_to', required: false, schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'revoked_from', required: false, schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'revoked_to', required: false, schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'include_revoked', required: false, schema: FLAG })
  @ApiQuery({ name: 'sort', required: false, schema: { type: 'string', enum: [...SORTS], default: 'logged_at' } })
  @ApiQuery({ name: 'order', required: false, schema: { type: 'string', enum: ['desc', 'asc'], default: 'desc' } })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    description: 'At most 100 with include_pem or include_proof',
  })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' }, description: 'next_cursor of the previous page (alone: it carries the filters)' })
  @ApiQuery({ name: 'count', required: false, schema: FLAG, description: 'Add total' })
  @ApiItemOptions()
  @ApiOkResponse({ type: CertificatePage })
  @ApiProblems(422)
  list(@RawQuery() query: Record<string, unknown>) {
    return this.reader.list(query);
  }

  @Get('certificates/serial/:serial')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'The most recently logged certificate with this serial, and how many others share it' })
  @ApiQuery({ name: 'issuer', required: false, schema: { type: 'string' }, description: 'Only certificates of this issuer' })
  @ApiItemOptions()
  @ApiOkResponse({ type: CertificateBySerial })
  @ApiProblems(404, 422)
  bySerial(@Param('serial') serial: string, @RawQuery() query: Record<string, unknown>) {
    return this.reader.bySerial(serial, query);
  }

  @Get('certificates/:fingerprint')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'One certificate by SHA-256 fingerprint' })
  @ApiItemOptions()
  @ApiOkResponse({ type: CertificateView })
  @ApiProblems(404, 422)
  byFingerprint(@Param('fingerprint') fingerprint: string, @RawQuery() query: Record<string, unknown>) {
    return this.reader.byFingerprint(fingerprint, query);
  }

  @Get('search')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'Search subject and issuer CN, serial, fingerprint and SAN DNS names' })
  @ApiQuery({ name: 'q', required: true, schema: { type: 'string' } })
  @ApiQuery({ name: 'exact', required: false, schema: FLAG })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } })
  @ApiOkResponse({ type: SearchView })
  @ApiProblems(422)
  search(@RawQuery() query: Record<string, unknown>) {
    return this.reader.search(query);
  }

  @Get('statistics')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'Exact counts over the tenant certificates (or one log)' })
  @ApiQuery({ name: 'log', required: false, schema: { type: 'string' }, description: 'Only this events log' })
  @ApiOkResponse({ type: StatisticsView })
  @ApiProblems(404, 422)
  statistics(@RawQuery() query: Record<string, unknown>) {
    return this.reader.statistics(query);
  }

  @Post('crl/next-number')
  @HttpCode(200)
  @Roles(...SUBMITTER_ROLES)
  @ApiOperation({ summary: 'Allocate the next CRL number of an issuer (first 1)' })
  @ApiBody({ type: CrlIssuerBody })
  @ApiOkResponse({ type: CrlNumberView })
  @ApiProblems(422)
  nextCrlNumber(@Body() body: unknown) {
    return this.crl.next(body);
  }

  @Get('crl/current-number/:issuer')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'The last CRL number allocated for an issuer' })
  @ApiOkResponse({ type: CrlNumberView })
  @ApiProblems(404, 422)
  currentCrlNumber(@Param('issuer') issuer: string) {
    return this.crl.current(issuer);
  }
}
