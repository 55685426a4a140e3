import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ enum: ['body', 'query', 'path', 'header'] }) in: string;
  @ApiProperty({ example: 'quality_rules[0].rule_name' }) path: string;
  @ApiProperty() message: string;
}

/** application/problem+json (spec §1.5). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:problem:portal:not-found' }) type: string;
  @ApiProperty() title: string;
  @ApiProperty() status: number;
  @ApiProperty() detail: string;
  @ApiProperty() instance: string;
  @ApiProperty() correlationId: string;
  @ApiProperty({ description: 'Same value as correlationId, for clients of the replaced system.' }) correlation_id: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid state or malformed body',
  401: 'Missing, invalid or expired token',
  403: 'Role or domain does not allow it',
  404: 'Not found in the tenant',
  409: 'Conflict',
  412: 'If-Match does not name the current ETag',
  413: 'Body over 1 MiB',
  422: 'Validation failed; errors[] names every bad field',
  429: 'Write rate limit reached; see Retry-After',
  502: 'Infrastructure adapter failed',
};

/** The problem answers a route can give, plus the 401/403 every authenticated route can. */
export function ApiProblems(...statuses: number[]) {
  const all = [...new Set([401, 403, ...statuses])].sort();
  return applyDecorators(
    ApiBearerAuth(),
    ...all.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Problem', type: ProblemDto, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } })),
  );
}
