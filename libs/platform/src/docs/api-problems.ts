import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ enum: ['body', 'query', 'path', 'header'] }) in: string;
  @ApiProperty({ example: 'quality_rules[0].rule_name' }) path: string;
  @ApiProperty() message: string;
}

/** application/problem+json as every service answers it (RFC 9457); a problem type may add members. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:waf-panel:problem:not-found' }) type: string;
  @ApiProperty() title: string;
  @ApiProperty() status: number;
  @ApiProperty() detail: string;
  @ApiProperty() instance: string;
  @ApiProperty() correlationId: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request or invalid state',
  401: 'Missing, invalid or expired token',
  403: 'The token does not allow it',
  404: 'Not found in the tenant',
  409: 'Conflict',
  412: 'If-Match does not name the current ETag',
  413: 'Body too large',
  422: 'Validation failed; errors[] names every bad field',
  428: 'If-Match is required',
  429: 'Rate limit reached; see Retry-After',
  502: 'An upstream adapter failed',
  503: 'Not available now; see Retry-After',
};

function problemResponses(statuses: number[]) {
  return [
    ApiExtraModels(ProblemDto),
    ...[...new Set(statuses)]
      .sort()
      .map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Problem', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } })),
  ];
}

/** The problem answers a route can give, plus the 401/403 every authenticated route can. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(ApiBearerAuth(), ...problemResponses([401, 403, ...statuses]));
}

/**
 * The If-Match a write takes: the ETag the client last read. Required (428 without it) for
 * changes to what the client read; optional where a write adds to a parent it may have read.
 */
export const ApiIfMatch = (required = true) =>
  ApiHeader({
    name: 'If-Match',
    required,
    description: required ? 'The ETag you last read (428 without it, 412 when it is stale)' : 'The parent ETag you last read (412 when it is stale)',
    schema: { type: 'string' },
  });
