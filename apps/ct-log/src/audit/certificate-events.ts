import { randomBytes } from 'node:crypto';
import { sql } from '@lib/persistence';
import { canonicalJson } from '@lib/platform';
import { CERT_TYPES, type CertType, encodeEventLeaf, EVENT_ISSUED, EVENT_REVOKED, eventIdentityHash, metadataCommitment } from '../formats/event-leaf';
import type { PendingLeaf } from '../sequencer/pending-leaf';
import type { CertificateFacts } from './certificate-facts';

/** Private metadata: committed to in the public leaf, shown only by the audit API. */
interface Metadata {
  readonly salt: Buffer;
  readonly body: Buffer;
}

function metadata(members: Record<string, unknown>): Metadata | null {
  const present = Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined && value !== null));
  if (Object.keys(present).length === 0) return null;
  return { salt: randomBytes(16), body: Buffer.from(canonicalJson(present), 'utf8') };
}

export interface Issuance {
  readonly facts: CertificateFacts;
  readonly certType: CertType;
  readonly purpose: string;
  readonly issuedAt: Date | null;
  readonly issuingUserId: string | null;
  readonly requesterInfo: Record<string, unknown> | null;
}

/** The `issued` event of a certificate and its audit rows. */
export function issuedEvent(issuance: Issuance): PendingLeaf {
  const { facts } = issuance;
  const private_ = metadata({ issuing_user_id: issuance.issuingUserId, requester_info: issuance.requesterInfo });
  const commitment = metadataCommitment(private_?.salt ?? null, private_?.body ?? null);
  const eventTime = (timestampMs: number) => issuance.issuedAt?.getTime() ?? timestampMs;
  return {
    identityHash: eventIdentityHash(EVENT_ISSUED, facts.fingerprint),
    certificate: facts.fingerprint,
    lowPriority: false,
    build: (_, timestampMs) =>
      encodeEventLeaf({
        type: EVENT_ISSUED,
        timestampMs,
        eventTimeMs: eventTime(timestampMs),
        certSha256: facts.fingerprint,
        metadataCommitment: commitment,
        certType: CERT_TYPES[issuance.certType],
        purpose: issuance.purpose,
        certificate: facts.der,
      }),
    preCertificate: null,
    issuers: [],
    notAfter: facts.notAfter,
    async project(tx, placement) {
      const jsonList = (values: string[]) => JSON.stringify(values);
      await tx.run(
        sql.insert('ctlog.certificates', {
          tenant_id: tx.tenantId,
          fingerprint: facts.fingerprint,
          log_id: placement.logId,
          leaf_index: placement.leafIndex,
          serial: facts.serial,
          subject_dn: facts.subject.dn,
          subject_cn: facts.subject.cn,
          subject_o: facts.subject.o,
          subject_ou: facts.subject.ou,
          subject_c: facts.subject.c,
          subject_st: facts.subject.st,
          subject_l: facts.subject.l,
          issuer_dn: facts.issuer.dn,
          issuer_cn: facts.issuer.cn,
          issuer_o: facts.issuer.o,
          not_before: facts.notBefore.toISOString(),
          not_after: facts.notAfter.toISOString(),
          san_dns: tx.pg ? facts.san.dns : jsonList(facts.san.dns),
          san_ip: jsonList(facts.san.ip),
          san_email: jsonList(facts.san.email),
          key_algorithm: facts.keyAlgorithm,
          key_size: facts.keySize,
          signature_algorithm: facts.signatureAlgorithm,
          cert_type: issuance.certType,
          purpose: issuance.purpose || null,
          issued_at: new Date(eventTime(placement.timestampMs)).toISOString(),
          issuing_user_id: issuance.issuingUserId,
          requester_info: issuance.requesterInfo ? JSON.stringify(issuance.requesterInfo) : null,
          search_text: searchText(facts),
          timestamp_ms: placement.timestampMs,
        }),
      );
      if (private_) await insertMetadata(tx, placement.logId, placement.leafIndex, private_);
    },
  };
}

export interface Revocation {
  readonly fingerprint: Buffer;
  readonly issuedLeafIndex: number;
  readonly reason: number;
  readonly revokedAt: Date;
  readonly revokedBy: string;
}

/** The `revoked` event of a certificate, in the log holding its `issued` event. */
export function revokedEvent(revocation: Revocation): PendingLeaf {
  const private_ = metadata({ revoked_by: revocation.revokedBy })!;
  const commitment = metadataCommitment(private_.salt, private_.body);
  return {
    identityHash: eventIdentityHash(EVENT_REVOKED, revocation.fingerprint),
    lowPriority: false,
    build: (_, timestampMs) =>
      encodeEventLeaf({
        type: EVENT_REVOKED,
        timestampMs,
        eventTimeMs: revocation.revokedAt.getTime(),
        certSha256: revocation.fingerprint,
        metadataCommitment: commitment,
        reason: revocation.reason,
        issuedLeafIndex: revocation.issuedLeafIndex,
      }),
    preCertificate: null,
    issuers: [],
    notAfter: null,
    async project(tx, placement) {
      await tx.run(
        sql.insert('ctlog.cert_revocations', {
          tenant_id: tx.tenantId,
          fingerprint: revocation.fingerprint,
          log_id: placement.logId,
          leaf_index: placement.leafIndex,
          reason: revocation.reason,
          revoked_at: revocation.revokedAt.toISOString(),
          revoked_by: revocation.revokedBy,
          timestamp_ms: placement.timestampMs,
        }),
      );
      await insertMetadata(tx, placement.logId, placement.leafIndex, private_);
    },
  };
}

/** Lower-case, newline-joined subject CN, issuer CN, serial, fingerprint and SAN DNS names. */
function searchText(facts: CertificateFacts): string {
  return [facts.subject.cn, facts.issuer.cn, facts.serial, facts.fingerprint.toString('hex'), ...facts.san.dns]
    .filter((part): part is string => Boolean(part))
    .join('\n')
    .toLowerCase();
}

async function insertMetadata(tx: Parameters<NonNullable<PendingLeaf['project']>>[0], logId: string, leafIndex: number, private_: Metadata): Promise<void> {
  await tx.run(sql.insert('ctlog.cert_metadata', { tenant_id: tx.tenantId, log_id: logId, leaf_index: leafIndex, salt: private_.salt, body: private_.body }));
}
