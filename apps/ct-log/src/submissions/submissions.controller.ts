import { applyDecorators, Body, Controller, createParamDecorator, type ExecutionContext, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Public, SkipWriteRateLimit } from '@lib/platform';
import { ApiCtErrors, ChainBody, SctView } from '../public/ct-v1.dto';
import { SubmissionService } from './submission.service';

/** The optional bearer of a submission, left out of the document's parameters (the security scheme covers it). */
const AuthorizationHeader = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization,
);

/** Submissions to a token log need a CtSubmitter token; an open log takes them without one. */
const SubmissionSecurity = () => applyDecorators(ApiSecurity({}), ApiBearerAuth());

/**
 * RFC 6962's submissions under `/logs/<log>/ct/v1/`. Reachable without a token: the service
 * checks it against the log's submission policy itself.
 */
@ApiTags('ct/v1')
@Controller('logs/:log/ct/v1')
@Public()
// Submissions are bounded by the log's pool (503 poolFull with Retry-After), not by a per-caller count.
@SkipWriteRateLimit()
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionService) {}

  @Post('add-chain')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit a certificate chain; answers the SCT once the entry is sequenced (open logs: anyone; token logs: CtSubmitter of the log tenant)',
  })
  @SubmissionSecurity()
  @ApiBody({ type: ChainBody })
  @ApiOkResponse({ type: SctView })
  @ApiCtErrors(400, 401, 403, 404, 413, 429, 503)
  addChain(@Param('log') log: string, @Body() body: unknown, @AuthorizationHeader() authorization?: string) {
    return this.submissions.submit(log, body, false, authorization);
  }

  @Post('add-pre-chain')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a precertificate chain; answers the SCT once sequenced (open logs: anyone; token logs: CtSubmitter of the log tenant)' })
  @SubmissionSecurity()
  @ApiBody({ type: ChainBody })
  @ApiOkResponse({ type: SctView })
  @ApiCtErrors(400, 401, 403, 404, 413, 429, 503)
  addPreChain(@Param('log') log: string, @Body() body: unknown, @AuthorizationHeader() authorization?: string) {
    return this.submissions.submit(log, body, true, authorization);
  }
}
