import { sql } from '@lib/persistence';
import type { SignedHead } from '../formats/heads';
import type { CtTx } from './ct-db';
import { readHeadRow } from './tree-store';

/** The lowest index of a leaf with this hash in the tree of `treeSize`, if any. */
export async function leafIndexOfHash(tx: CtTx, logId: string, hash: Buffer, treeSize: number): Promise<number | undefined> {
  const row = await tx.one<{ leaf_index: unknown }>(sql`SELECT min(leaf_index) AS leaf_index FROM ctlog.entries
    WHERE ${tx.tenant()} AND log_id = ${logId} AND leaf_hash = ${hash} AND leaf_index < ${treeSize}`);
  return row?.leaf_index === null || row?.leaf_index === undefined ? undefined : Number(row.leaf_index);
}

/** The log's accepted roots, DER, in the order they were added. */
export async function rootCertificates(tx: CtTx, logId: string): Promise<Buffer[]> {
  const rows = await tx.rows<{ der: Buffer }>(sql`SELECT der FROM ctlog.log_roots WHERE ${tx.tenant()} AND log_id = ${logId} ORDER BY added_at, fingerprint`);
  return rows.map((row) => row.der);
}

/** An issuer certificate entries reference, DER, by its SHA-256. */
export async function issuerCertificate(tx: CtTx, fingerprint: Buffer): Promise<Buffer | undefined> {
  const row = await tx.one<{ der: Buffer }>(sql`SELECT der FROM ctlog.issuers WHERE ${tx.tenant()} AND fingerprint = ${fingerprint}`);
  return row?.der;
}

/** The first head signed at each size above `after`, ascending, at most `limit`. */
export async function headsAfter(tx: CtTx, logId: string, after: number, limit: number): Promise<SignedHead[]> {
  const rows = await tx.rows<Record<string, unknown>>(sql`SELECT tree_size, timestamp_ms, root_hash, signature FROM ctlog.sth
    WHERE ${tx.tenant()} AND log_id = ${logId} AND tree_size > ${after} ORDER BY tree_size LIMIT ${limit}`);
  return rows.map(readHeadRow);
}
