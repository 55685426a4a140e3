import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Absentable, OneOf, Rule, Rules, Text } from '@lib/platform';
import { Allow } from 'class-validator';
import { CERT_TYPES } from '../formats/event-leaf';
import { isoDateProblem } from '../formats/iso-date';
import { SthView } from '../public/ct-v1.dto';

/*
 * The certificate audit API's bodies: their published schemas and the rules each field is checked
 * against. The PEM and requester_info are parsed in audit-input.ts; queries are read there too.
 */

/** Clock skew a client may have: event times up to five minutes ahead are accepted. */
export const FUTURE_SKEW_MS = 5 * 60_000;

/** RFC 5280 CRLReason; 7 is unused and removeFromCRL (8) is not a revocation. */
export const REVOCATION_REASONS: Readonly<Record<string, number>> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
  aACompromise: 10,
};

/** The code of a reason given by name or number, or undefined. */
export function reasonCode(reason: unknown): number | undefined {
  if (typeof reason === 'string' && reason in REVOCATION_REASONS) return REVOCATION_REASONS[reason];
  if (typeof reason === 'number' && Object.values(REVOCATION_REASONS).includes(reason)) return reason;
  return undefined;
}

const REASONS = Object.entries(REVOCATION_REASONS)
  .map(([name, code]) => `${name} (${code})`)
  .join(', ');

const pastEvent = () =>
  Rules(
    Rule('date', isoDateProblem),
    Rule('future', (value) => (Date.parse(value as string) > Date.now() + FUTURE_SKEW_MS ? 'must not be more than 5 minutes in the future' : undefined)),
  );

export class RegisterCertificateBody {
  /** Parsed in audit-input.ts. */
  @ApiProperty({ description: 'Exactly one CERTIFICATE PEM block' }) @Allow() certificate_pem: string;
  @ApiProperty({ enum: Object.keys(CERT_TYPES) }) @OneOf(Object.keys(CERT_TYPES)) certificate_type: keyof typeof CERT_TYPES;
  @ApiPropertyOptional({ maxLength: 64 })
  @Absentable()
  @Rules(Text({ max: 64 }), Rule('bytes', (purpose) => (Buffer.byteLength(purpose as string, 'utf8') > 64 ? 'must be at most 64 UTF-8 bytes' : undefined)))
  certificate_purpose?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Not more than 5 minutes in the future; defaults to now' })
  @Absentable()
  @pastEvent()
  issued_at?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 256 }) @Absentable() @Text({ min: 1, max: 256 }) issuing_user_id?: string;
  /** Walked in audit-input.ts: its errors name the nested key. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'At most two levels of objects of scalars' })
  @Allow()
  requester_info?: Record<string, unknown>;
}

export class RevokeBody {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    example: 'keyCompromise',
    description: 'A CRLReason name or number (7 and removeFromCRL refused)',
  })
  @Rule('reason', (reason) => (reasonCode(reason) === undefined ? `must be a CRLReason name or number: ${REASONS}` : undefined))
  reason: string | number;
  @ApiPropertyOptional({ format: 'date-time' }) @Absentable() @pastEvent() revoked_at?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 256, description: "Defaults to the token's subject" })
  @Absentable()
  @Text({ min: 1, max: 256 })
  revoked_by?: string;
}

export const MAX_ISSUER = 256;

export class CrlIssuerBody {
  @ApiProperty({ minLength: 1, maxLength: MAX_ISSUER, description: 'The issuer, as the caller names it' }) @Text({ min: 1, max: MAX_ISSUER }) issuer: string;
}

export class CrlNumberView {
  @ApiProperty() issuer: string;
  @ApiProperty({ type: 'integer' }) crl_number: number;
}

class ReceiptBase {
  @ApiProperty({ pattern: '^[0-9A-F]{64}$' }) fingerprint: string;
  @ApiProperty({ description: 'The events log that holds the entry' }) log: string;
  @ApiProperty({ type: 'integer' }) leaf_index: number;
  @ApiProperty({ format: 'byte' }) leaf_hash: string;
  @ApiProperty({ format: 'date-time' }) timestamp: string;
  @ApiProperty({ type: SthView, description: 'A head that includes the entry' }) sth: SthView;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'byte' }, description: 'Inclusion proof of the entry in sth' }) audit_path: string[];
}

export class IssuedReceipt extends ReceiptBase {
  @ApiProperty() serial: string;
  @ApiProperty({ example: 'logged' }) status: string;
}

class RevocationFacts {
  @ApiProperty({ example: 'keyCompromise' }) reason: string;
  @ApiProperty({ type: 'integer' }) reason_code: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revoked_at: string | null;
  @ApiProperty({ type: String, nullable: true }) revoked_by: string | null;
}

export class RevocationReceipt extends ReceiptBase {
  @ApiProperty({ example: 'revoked' }) status: string;
  @ApiProperty({ type: RevocationFacts }) revocation: RevocationFacts;
}

class UserRevoked {
  @ApiProperty() fingerprint: string;
  @ApiProperty() log: string;
  @ApiProperty({ type: 'integer' }) leaf_index: number;
}

export class UserRevocation {
  @ApiProperty() user_id: string;
  @ApiProperty({ type: [UserRevoked] }) revoked: UserRevoked[];
  @ApiProperty({ type: 'integer', description: 'Live certificates of the user left for another call' }) remaining: number;
}

class Name {
  @ApiProperty() dn: string;
  @ApiProperty({ type: String, nullable: true }) cn: string | null;
  @ApiProperty({ type: String, nullable: true }) o: string | null;
}

class SubjectName extends Name {
  @ApiProperty({ type: String, nullable: true }) ou: string | null;
  @ApiProperty({ type: String, nullable: true }) c: string | null;
  @ApiProperty({ type: String, nullable: true }) st: string | null;
  @ApiProperty({ type: String, nullable: true }) l: string | null;
}

class SubjectAltNames {
  @ApiProperty({ type: [String] }) dns: string[];
  @ApiProperty({ type: [String] }) ip: string[];
  @ApiProperty({ type: [String] }) email: string[];
}

class ItemRevocation extends RevocationFacts {
  @ApiProperty() log: string;
  @ApiProperty({ type: 'integer' }) leaf_index: number;
  @ApiProperty({ format: 'date-time' }) timestamp: string;
}

export class CertificateView {
  @ApiProperty({ pattern: '^[0-9A-F]{64}$' }) fingerprint: string;
  @ApiProperty() serial: string;
  @ApiProperty({ type: SubjectName }) subject: SubjectName;
  @ApiProperty({ type: Name }) issuer: Name;
  @ApiProperty({ format: 'date-time' }) not_before: string;
  @ApiProperty({ format: 'date-time' }) not_after: string;
  @ApiProperty({ type: SubjectAltNames }) san: SubjectAltNames;
  @ApiProperty() key_algorithm: string;
  @ApiProperty({ type: 'integer', nullable: true }) key_size: number | null;
  @ApiProperty() signature_algorithm: string;
  @ApiProperty({ enum: ['client', 'server', 'intermediate'] }) certificate_type: string;
  @ApiProperty({ type: String, nullable: true }) certificate_purpose: string | null;
  @ApiProperty({ format: 'date-time' }) issued_at: string;
  @ApiProperty({ type: String, nullable: true }) issuing_user_id: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) requester_info: Record<string, unknown> | null;
  @ApiProperty({ enum: ['active', 'revoked', 'expired'] }) status: string;
  @ApiProperty({ type: ItemRevocation, nullable: true }) revocation: ItemRevocation | null;
  @ApiProperty() log: string;
  @ApiProperty({ type: 'integer' }) leaf_index: number;
  @ApiProperty({ format: 'date-time' }) timestamp: string;
  @ApiPropertyOptional({ description: 'With include_pem=true' }) certificate_pem?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'With include_proof=true: the head, inclusion proofs and metadata openings' })
  proof?: Record<string, unknown>;
}

export class CertificateBySerial extends CertificateView {
  @ApiProperty({ type: 'integer', description: 'Other certificates with this serial' }) other_matches: number;
}

export class CertificatePage {
  @ApiProperty({ type: [CertificateView] }) certificates: CertificateView[];
  @ApiProperty({ type: String, nullable: true }) next_cursor: string | null;
  @ApiPropertyOptional({ type: 'integer', description: 'With count=true: rows matching the filters' }) total?: number;
}

export class SearchView {
  @ApiProperty() query: string;
  @ApiProperty() exact: boolean;
  @ApiProperty({ type: [CertificateView] }) results: CertificateView[];
  @ApiProperty() truncated: boolean;
}

class CountsByType {
  @ApiProperty({ type: 'integer' }) client: number;
  @ApiProperty({ type: 'integer' }) server: number;
  @ApiProperty({ type: 'integer' }) intermediate: number;
}

class CountsByStatus {
  @ApiProperty({ type: 'integer' }) active: number;
  @ApiProperty({ type: 'integer' }) revoked: number;
  @ApiProperty({ type: 'integer' }) expired: number;
}

export class StatisticsView {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: CountsByType }) by_type: CountsByType;
  @ApiProperty({ type: CountsByStatus }) by_status: CountsByStatus;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Revocations by CRLReason name' }) by_revocation_reason: Record<
    string,
    number
  >;
  @ApiProperty({ type: 'integer' }) issued_last_30_days: number;
  @ApiProperty({ type: 'integer' }) revoked_last_30_days: number;
  @ApiProperty({ type: 'integer' }) expiring_next_30_days: number;
  @ApiProperty({ format: 'date-time' }) computed_at: string;
}
