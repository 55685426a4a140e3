import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '@lib/platform';
import { RawQuery } from '../public/log-access';
import { SUBMITTER_ROLES } from '../submissions/submission.service';
import { CertificateReader } from './certificate-reader.service';
import { CertificateWriter, type Written } from './certificate-writer.service';
import { CrlService } from './crl.service';

const READER_ROLES = ['CtReader', ...SUBMITTER_ROLES];

const answer = (written: Written, reply: FastifyReply) => {
  void reply.status(written.created ? 201 : 200);
  return written.body;
};

/** Spec §6: the certificate audit API over the tenant's events logs (tenant from the token). */
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
  @ApiProblems(409, 410, 413, 422, 503)
  async register(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    return answer(await this.writer.register(body), reply);
  }

  @Post('certificates/:fingerprint/revoke')
  @Roles(...SUBMITTER_ROLES)
  @ApiOperation({ summary: 'Log a revocation (201), or get the original one when repeated (200)' })
  @ApiProblems(404, 409, 410, 422, 503)
  async revoke(@Param('fingerprint') fingerprint: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    return answer(await this.writer.revoke(fingerprint, body), reply);
  }

  @Post('users/:userId/revoke-certificates')
  @HttpCode(200)
  @Roles(...SUBMITTER_ROLES)
  @ApiOperation({ summary: "Revoke up to 1,000 of a user's live certificates, oldest logged first" })
  @ApiProblems(410, 422, 503)
  revokeUser(@Param('userId') userId: string, @Body() body: unknown) {
    return this.writer.revokeUser(userId, body);
  }

  @Get('certificates')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'Filter, sort and page (keyset cursor) the tenant certificates' })
  @ApiProblems(422)
  list(@RawQuery() query: Record<string, unknown>) {
    return this.reader.list(query);
  }

  @Get('certificates/serial/:serial')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'The most recently logged certificate with this serial, and how many others share it' })
  @ApiProblems(404, 422)
  bySerial(@Param('serial') serial: string, @RawQuery() query: Record<string, unknown>) {
    return this.reader.bySerial(serial, query);
  }

  @Get('certificates/:fingerprint')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'One certificate by SHA-256 fingerprint' })
  @ApiProblems(404, 422)
  byFingerprint(@Param('fingerprint') fingerprint: string, @RawQuery() query: Record<string, unknown>) {
    return this.reader.byFingerprint(fingerprint, query);
  }

  @Get('search')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'Search subject and issuer CN, serial, fingerprint and SAN DNS names' })
  @ApiProblems(422)
  search(@RawQuery() query: Record<string, unknown>) {
    return this.reader.search(query);
  }

  @Get('statistics')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'Exact counts over the tenant certificates (or one log)' })
  @ApiProblems(404, 422)
  statistics(@RawQuery() query: Record<string, unknown>) {
    return this.reader.statistics(query);
  }

  @Post('crl/next-number')
  @HttpCode(200)
  @Roles(...SUBMITTER_ROLES)
  @ApiOperation({ summary: 'Allocate the next CRL number of an issuer (first 1)' })
  @ApiProblems(422)
  nextCrlNumber(@Body() body: unknown) {
    return this.crl.next(body);
  }

  @Get('crl/current-number/:issuer')
  @Roles(...READER_ROLES)
  @ApiOperation({ summary: 'The last CRL number allocated for an issuer' })
  @ApiProblems(404, 422)
  currentCrlNumber(@Param('issuer') issuer: string) {
    return this.crl.current(issuer);
  }
}
