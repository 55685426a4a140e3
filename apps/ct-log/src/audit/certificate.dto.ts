import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SthView } from '../public/ct-v1.dto';

/*
 * The published schemas of the certificate audit API. The service checks bodies and queries
 * itself (every bad field named in one 422; unknown query parameters refused).
 */

export class RegisterCertificateBody {
  @ApiProperty({ description: 'Exactly one CERTIFICATE PEM block' }) certificate_pem: string;
  @ApiProperty({ enum: ['client', 'server', 'intermediate'] }) certificate_type: string;
  @ApiPropertyOptional({ maxLength: 64 }) certificate_purpose?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Not more than 5 minutes in the future; defaults to now' }) issued_at?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 256 }) issuing_user_id?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'At most two levels of objects of scalars' }) requester_info?: Record<
    string,
    unknown
  >;
}

export class RevokeBody {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    example: 'keyCompromise',
    description: 'A CRLReason name or number (7 and removeFromCRL refused)',
  })
  reason: string | number;
  @ApiPropertyOptional({ format: 'date-time' }) revoked_at?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 256, description: "Defaults to the token's subject" }) revoked_by?: string;
}

export class CrlIssuerBody {
  @ApiProperty({ minLength: 1, maxLength: 256, description: 'The issuer, as the caller names it' }) issuer: string;
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
