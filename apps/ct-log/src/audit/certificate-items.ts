import { Injectable } from '@nestjs/common';
import { iso, isoOrNull, json, type Sql, sql } from '@lib/persistence';
import { b64 } from '../formats/base64';
import { decodeEventLeaf, EVENT_ISSUED } from '../formats/event-leaf';
import { getSthJson } from '../formats/heads';
import { LogRegistry } from '../logs/log-registry';
import { ProofReader } from '../proofs/proof-reader';
import type { CtTx } from '../store/ct-db';
import { reasonName } from './audit-input';
import { fingerprintHex } from './certificate-facts';
import type { ItemOptions } from './certificate-query';

export type ItemRow = Record<string, unknown>;

/** An item without its PEM or proofs. */
export const BARE_ITEMS: ItemOptions = { includePem: false, includeProof: false };

/** The certificate, its log, its revocation, and (when asked) its leaf and private metadata. */
export function itemFrom(options: ItemOptions): Sql {
  const base = `ctlog.certificates c
    JOIN ctlog.logs l ON l.tenant_id = c.tenant_id AND l.id = c.log_id
    LEFT JOIN ctlog.cert_revocations r ON r.tenant_id = c.tenant_id AND r.fingerprint = c.fingerprint`;
  const leaf = options.includePem ? ' LEFT JOIN ctlog.entries e ON e.tenant_id = c.tenant_id AND e.log_id = c.log_id AND e.leaf_index = c.leaf_index' : '';
  const metadata = options.includeProof
    ? ` LEFT JOIN ctlog.cert_metadata mi ON mi.tenant_id = c.tenant_id AND mi.log_id = c.log_id AND mi.leaf_index = c.leaf_index
        LEFT JOIN ctlog.cert_metadata mr ON mr.tenant_id = r.tenant_id AND mr.log_id = r.log_id AND mr.leaf_index = r.leaf_index`
    : '';
  return sql.raw(base + leaf + metadata);
}

export function itemColumns(options: ItemOptions): Sql {
  const columns = [
    'c.*',
    'l.name AS log_name',
    'r.reason AS r_reason',
    'r.revoked_at AS r_revoked_at',
    'r.revoked_by AS r_revoked_by',
    'r.leaf_index AS r_leaf_index',
    'r.timestamp_ms AS r_timestamp_ms',
  ];
  if (options.includePem) columns.push('e.leaf_input AS issued_leaf');
  if (options.includeProof) columns.push('mi.salt AS mi_salt', 'mi.body AS mi_body', 'mr.salt AS mr_salt', 'mr.body AS mr_body');
  return sql.raw(columns.join(', '));
}

const isoMs = (ms: unknown) => new Date(Number(ms)).toISOString();

/** One certificate as every read returns it. */
export function renderItem(row: ItemRow, now: Date): Record<string, unknown> {
  const revoked = row.r_reason !== null && row.r_reason !== undefined;
  const notAfter = iso(row.not_after);
  const sanDns = Array.isArray(row.san_dns) ? (row.san_dns as string[]) : json<string[]>(row.san_dns);
  return {
    fingerprint: fingerprintHex(row.fingerprint as Buffer),
    serial: row.serial,
    subject: { dn: row.subject_dn, cn: row.subject_cn, o: row.subject_o, ou: row.subject_ou, c: row.subject_c, st: row.subject_st, l: row.subject_l },
    issuer: { dn: row.issuer_dn, cn: row.issuer_cn, o: row.issuer_o },
    not_before: iso(row.not_before),
    not_after: notAfter,
    san: { dns: sanDns, ip: json<string[]>(row.san_ip), email: json<string[]>(row.san_email) },
    key_algorithm: row.key_algorithm,
    key_size: row.key_size === null ? null : Number(row.key_size),
    signature_algorithm: row.signature_algorithm,
    certificate_type: row.cert_type,
    certificate_purpose: row.purpose ?? null,
    issued_at: iso(row.issued_at),
    issuing_user_id: row.issuing_user_id ?? null,
    requester_info: row.requester_info === null || row.requester_info === undefined ? null : json(row.requester_info),
    status: revoked ? 'revoked' : Date.parse(notAfter) <= now.getTime() ? 'expired' : 'active',
    revocation: revoked
      ? {
          reason: reasonName(Number(row.r_reason)),
          reason_code: Number(row.r_reason),
          revoked_at: isoOrNull(row.r_revoked_at),
          revoked_by: row.r_revoked_by ?? null,
          log: row.log_name,
          leaf_index: Number(row.r_leaf_index),
          timestamp: isoMs(row.r_timestamp_ms),
        }
      : null,
    log: row.log_name,
    leaf_index: Number(row.leaf_index),
    timestamp: isoMs(row.timestamp_ms),
  };
}

export function pem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

const opening = (salt: unknown, body: unknown) => (salt ? { salt: b64(salt as Buffer), canonical_json: b64(body as Buffer) } : null);

/** Items with the optional PEM and proofs: both paths against the log's latest head. */
@Injectable()
export class CertificateItems {
  constructor(
    private readonly registry: LogRegistry,
    private readonly proofs: ProofReader,
  ) {}

  async render(tx: CtTx, rows: ItemRow[], options: ItemOptions): Promise<Array<Record<string, unknown>>> {
    const items = rows.map((row) => renderItem(row, tx.now));
    if (options.includePem) {
      rows.forEach((row, i) => {
        const event = decodeEventLeaf(row.issued_leaf as Buffer);
        if (event.type === EVENT_ISSUED) items[i].certificate_pem = pem(event.certificate);
      });
    }
    if (options.includeProof) {
      for (const [i, row] of rows.entries()) {
        const runtime = (await this.registry.find(String(row.log_name)))!;
        this.registry.requireServing(runtime);
        const issuedIndex = Number(row.leaf_index);
        const revokedIndex = row.r_leaf_index === null || row.r_leaf_index === undefined ? null : Number(row.r_leaf_index);
        await this.registry.ensureEdge(tx, runtime, Math.max(issuedIndex, revokedIndex ?? 0) + 1);
        const head = runtime.head!;
        const path = async (index: number) => (await this.proofs.inclusion(tx, runtime, index, head.treeSize)).map(b64);
        items[i].proof = {
          sth: getSthJson(head),
          issued: { leaf_index: issuedIndex, audit_path: await path(issuedIndex) },
          revocation: revokedIndex === null ? null : { leaf_index: revokedIndex, audit_path: await path(revokedIndex) },
          metadata: { issued: opening(row.mi_salt, row.mi_body), revocation: opening(row.mr_salt, row.mr_body) },
        };
      }
    }
    return items;
  }
}
