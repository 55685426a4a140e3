import { sql } from '@lib/persistence';
import { eventTileLeaf } from '../formats/event-leaf';
import { extraDataPrecert, extraDataX509, tileLeaf } from '../formats/rfc6962-leaf';
import type { LogRuntime } from '../sequencer/log-runtime';
import type { CtTx } from '../store/ct-db';

export interface StoredEntry {
  readonly leafIndex: number;
  readonly leafInput: Buffer;
  readonly preCertificate: Buffer | null;
  /** Concatenated 32-byte fingerprints of the extra_data chain. */
  readonly chain: Buffer;
}

/** Entries [start, end) in index order. */
export async function readEntries(tx: CtTx, logId: string, start: number, end: number): Promise<StoredEntry[]> {
  const rows = await tx.rows<Record<string, unknown>>(sql`SELECT leaf_index, leaf_input, pre_certificate, chain FROM ctlog.entries
    WHERE ${tx.tenant()} AND log_id = ${logId} AND leaf_index >= ${start} AND leaf_index < ${end} ORDER BY leaf_index`);
  return rows.map((row) => ({
    leafIndex: Number(row.leaf_index),
    leafInput: row.leaf_input as Buffer,
    preCertificate: (row.pre_certificate as Buffer | null) ?? null,
    chain: row.chain as Buffer,
  }));
}

const fingerprintsOf = (chain: Buffer) => Array.from({ length: chain.length / 32 }, (_, i) => chain.subarray(i * 32, i * 32 + 32).toString('hex'));

/** The DER of every issuer the entries reference, from the issuer cache or one query. */
export async function issuersOf(tx: CtTx, runtime: LogRuntime, entries: readonly StoredEntry[]): Promise<Map<string, Buffer>> {
  const wanted = new Set(entries.flatMap((e) => fingerprintsOf(e.chain)));
  const found = new Map<string, Buffer>();
  const missing: Buffer[] = [];
  for (const fingerprint of wanted) {
    const der = runtime.issuers.get(fingerprint);
    if (der) found.set(fingerprint, der);
    else missing.push(Buffer.from(fingerprint, 'hex'));
  }
  if (missing.length > 0) {
    const rows = await tx.rows<Record<string, unknown>>(
      sql`SELECT fingerprint, der FROM ctlog.issuers WHERE ${tx.tenant()} AND fingerprint IN ${sql.list(missing)}`,
    );
    for (const row of rows) {
      const key = (row.fingerprint as Buffer).toString('hex');
      found.set(key, row.der as Buffer);
      runtime.issuers.set(key, row.der as Buffer);
    }
  }
  return found;
}

/** RFC 6962 extra_data of a stored entry ("" for events logs). */
export function extraData(kind: 'rfc6962' | 'events', entry: StoredEntry, issuers: ReadonlyMap<string, Buffer>): Buffer {
  if (kind === 'events') return Buffer.alloc(0);
  const chain = fingerprintsOf(entry.chain).map((fingerprint) => issuers.get(fingerprint)!);
  return entry.preCertificate ? extraDataPrecert(entry.preCertificate, chain) : extraDataX509(chain);
}

/** One data tile's bytes (static-ct-api TileLeaf for rfc6962, u24-prefixed leaves for events). */
export function dataTile(kind: 'rfc6962' | 'events', entries: readonly StoredEntry[]): Buffer {
  return Buffer.concat(entries.map((e) => (kind === 'events' ? eventTileLeaf(e.leafInput) : tileLeaf(e.leafInput, e.preCertificate, e.chain))));
}
