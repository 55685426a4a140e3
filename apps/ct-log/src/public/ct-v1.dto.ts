import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';

const B64 = { format: 'byte' } as const;

/** An error under /logs/: RFC 9162's JSON, which CT clients parse (not problem+json). */
export class CtLogError {
  @ApiProperty({ example: 'unknownAnchor', description: 'RFC 9162 error code (or not_found, internal, …)' }) error_code: string;
  @ApiProperty() error_message: string;
}

const CT_ERRORS: Record<number, string> = {
  400: 'Malformed request or refused chain (error_code says which)',
  401: 'The log takes submissions with a CtSubmitter token only',
  403: 'The token does not allow submitting to this log',
  404: 'No such log, entry or hash',
  413: 'Body too large',
  429: 'Rate limit of open submissions reached; see Retry-After',
  503: 'The log is not serving (loading, pool full, or read-only); see Retry-After',
};

/** The RFC 9162 error answers of a public log route. */
export function ApiCtErrors(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(CtLogError),
    ...statuses.map((status) =>
      ApiResponse({ status, description: CT_ERRORS[status], content: { 'application/json': { schema: { $ref: getSchemaPath(CtLogError) } } } }),
    ),
  );
}

export class ChainBody {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'byte' },
    description: 'The (pre)certificate first, then its chain towards an accepted root, base64 DER',
  })
  chain: string[];
}

export class SctView {
  @ApiProperty({ type: 'integer', enum: [0] }) sct_version: number;
  @ApiProperty({ ...B64, description: 'The log id' }) id: string;
  @ApiProperty({ type: 'integer', description: 'Milliseconds since the epoch' }) timestamp: number;
  @ApiProperty({ ...B64, description: 'Carries the leaf index (static-ct-api)' }) extensions: string;
  @ApiProperty(B64) signature: string;
}

export class SthView {
  @ApiProperty({ type: 'integer' }) tree_size: number;
  @ApiProperty({ type: 'integer', description: 'Milliseconds since the epoch' }) timestamp: number;
  @ApiProperty(B64) sha256_root_hash: string;
  @ApiProperty(B64) tree_head_signature: string;
}

export class ConsistencyView {
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'byte' } }) consistency: string[];
}

export class ProofByHashView {
  @ApiProperty({ type: 'integer' }) leaf_index: number;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'byte' } }) audit_path: string[];
}

class EntryView {
  @ApiProperty({ ...B64, description: 'MerkleTreeLeaf' }) leaf_input: string;
  @ApiProperty(B64) extra_data: string;
}

export class EntriesView {
  @ApiProperty({ type: [EntryView] }) entries: EntryView[];
}

export class RootsView {
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'byte' } }) certificates: string[];
}

export class EntryAndProofView extends EntryView {
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'byte' } }) audit_path: string[];
}

class TemporalInterval {
  @ApiProperty({ format: 'date-time' }) start_inclusive: string;
  @ApiProperty({ format: 'date-time' }) end_exclusive: string;
}

export class LogMetadata {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['rfc6962', 'events'] }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty() origin: string;
  @ApiProperty(B64) log_id: string;
  @ApiProperty({ ...B64, description: 'SubjectPublicKeyInfo DER' }) key: string;
  @ApiProperty({ type: 'integer', description: 'Maximum merge delay, seconds' }) mmd: number;
  @ApiProperty({ example: 'active' }) state: string;
  @ApiProperty({ type: 'integer', nullable: true }) tree_size: number | null;
  @ApiProperty({ type: TemporalInterval, nullable: true }) temporal_interval: TemporalInterval | null;
  @ApiProperty() submission_url: string;
  @ApiProperty() monitoring_url: string;
}

export class HeadsView {
  @ApiProperty({ type: [SthView] }) heads: SthView[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Pass as after for the next page; null when there are no more heads' }) next_after:
    number | null;
}
