import { sql } from '@lib/persistence';
import type { SignedHead } from '../formats/heads';
import { perfectRoot } from '../merkle/hash';
import type { NodeId } from '../merkle/proofs';
import { RightEdge, rightEdgeTiles, TILE_HEIGHT, TILE_WIDTH, type TileUpdate } from '../merkle/tiles';
import type { CtTx } from './ct-db';

/** A log's tree as SQL: the reads the sequencer, proofs and startup checks share, and the sequencer's writes. */

export function readHeadRow(row: Record<string, unknown>): SignedHead {
  return { treeSize: Number(row.tree_size), timestampMs: Number(row.timestamp_ms), rootHash: row.root_hash as Buffer, signature: row.signature as Buffer };
}

/** The current head; `lock` takes the row lock that makes its holder the log's only sequencer. */
export async function currentHead(tx: CtTx, logId: string, lock = false): Promise<SignedHead | undefined> {
  const row = await tx.one<Record<string, unknown>>(
    sql`SELECT tree_size, root_hash, timestamp_ms, signature FROM ctlog.log_head WHERE ${tx.tenant()} AND log_id = ${logId}${lock ? tx.forUpdate : sql``}`,
  );
  return row ? readHeadRow(row) : undefined;
}

/** The stored right-edge tiles of `size` (the narrowest row at least as wide as needed), by level. */
export async function rightEdgeTileRows(tx: CtTx, logId: string, size: number): Promise<Map<number, Buffer>> {
  const wanted = rightEdgeTiles(size).filter((t) => t.width > 0);
  const found = new Map<number, Buffer>();
  if (wanted.length === 0) return found;
  const rows = await tx.rows<Record<string, unknown>>(sql`SELECT level, width, hashes FROM ctlog.tiles WHERE ${tx.tenant()} AND log_id = ${logId}
      AND (${sql.join(
        wanted.map((t) => sql`(level = ${t.level} AND tile_index = ${t.index} AND width >= ${t.width})`),
        ' OR ',
      )}) ORDER BY level, width`);
  for (const row of rows) if (!found.has(Number(row.level))) found.set(Number(row.level), row.hashes as Buffer);
  return found;
}

/** Full (256-wide) tiles by `level/index`. */
export async function fullTileRows(tx: CtTx, logId: string, tiles: ReadonlyArray<{ level: number; index: number }>): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  if (tiles.length === 0) return found;
  const rows = await tx.rows<
    Record<string, unknown>
  >(sql`SELECT level, tile_index, hashes FROM ctlog.tiles WHERE ${tx.tenant()} AND log_id = ${logId} AND width = 256
      AND (${sql.join(
        tiles.map((t) => sql`(level = ${t.level} AND tile_index = ${t.index})`),
        ' OR ',
      )})`);
  for (const row of rows) found.set(`${Number(row.level)}/${Number(row.tile_index)}`, row.hashes as Buffer);
  return found;
}

/** Immutable full tiles kept between reads (an LRU, or a Map for one pass). */
export interface TileCache {
  get(key: string): Buffer | undefined;
  set(key: string, hashes: Buffer): void;
}

/**
 * Tile hashes by `level/index` for a tree with right edge `edge`: right-edge tiles from memory,
 * every other (full) tile from `cache` or one query. `stored` counts the tiles read from the database.
 */
export async function readTiles(
  tx: CtTx,
  logId: string,
  edge: RightEdge,
  cache: TileCache,
  wanted: ReadonlyArray<{ level: number; index: number }>,
): Promise<{ tiles: Map<string, Buffer>; stored: number }> {
  const partials = rightEdgeTiles(edge.size);
  const tiles = new Map<string, Buffer>();
  const missing: Array<{ level: number; index: number }> = [];
  for (const { level, index } of wanted) {
    const key = `${level}/${index}`;
    if (tiles.has(key) || missing.some((m) => m.level === level && m.index === index)) continue;
    const partial = partials[level];
    const hashes = partial.width > 0 && partial.index === index ? Buffer.concat(edge.tile(level)) : cache.get(key);
    if (hashes) tiles.set(key, hashes);
    else missing.push({ level, index });
  }
  if (missing.length > 0) {
    for (const [key, hashes] of await fullTileRows(tx, logId, missing)) {
      tiles.set(key, hashes);
      cache.set(key, hashes);
    }
  }
  return { tiles, stored: missing.length };
}

/** Rebuilds the right edge of `head` from its tiles; undefined when tiles are missing or the root disagrees. */
export async function loadRightEdge(tx: CtTx, logId: string, head: SignedHead): Promise<RightEdge | undefined> {
  try {
    const edge = RightEdge.fromTiles(head.treeSize, await rightEdgeTileRows(tx, logId, head.treeSize));
    return edge.root().equals(head.rootHash) ? edge : undefined;
  } catch {
    return undefined;
  }
}

/** Where a perfect node lives: tile (level, index) and the run of hashes inside it. */
export function tileOfNode(node: NodeId): { level: number; index: number; offset: number; count: number } {
  const level = Math.floor(node.level / TILE_HEIGHT);
  const count = 2 ** (node.level % TILE_HEIGHT);
  const first = node.index * count;
  return { level, index: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, count };
}

/** A perfect node's hash from the tile hashes that hold it. */
export function nodeFromTile(tile: Buffer, offset: number, count: number): Buffer {
  const hashes = Array.from({ length: count }, (_, i) => tile.subarray((offset + i) * 32, (offset + i + 1) * 32));
  if (hashes.some((h) => h.length !== 32)) throw new Error('tile narrower than the node it should hold');
  return perfectRoot(hashes);
}

/** Rows per INSERT statement: under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;

/** An entry of a batch, placed at its index. */
export interface NewEntry {
  readonly leafIndex: number;
  readonly leafHash: Buffer;
  readonly leafInput: Buffer;
  readonly identityHash: Buffer;
  readonly preCertificate: Buffer | null;
  readonly issuers: ReadonlyArray<{ readonly fingerprint: Buffer; readonly der: Buffer }>;
  readonly notAfter: Date | null;
}

/**
 * Leaves already stored, one answer per candidate: the same identity in this
 * log, or an issued event's certificate logged in another log of the tenant.
 */
export async function storedLeaves(
  tx: CtTx,
  logId: string,
  candidates: ReadonlyArray<{ identityHash: Buffer; certificate?: Buffer }>,
): Promise<Array<{ leafIndex: number; leafInput: Buffer } | undefined>> {
  const rows = await tx.rows<Record<string, unknown>>(sql`SELECT identity_hash, leaf_index, leaf_input FROM ctlog.entries
    WHERE ${tx.tenant()} AND log_id = ${logId} AND identity_hash IN ${sql.list(candidates.map((candidate) => candidate.identityHash))}`);
  const byIdentity = new Map(
    rows.map((row) => [(row.identity_hash as Buffer).toString('hex'), { leafIndex: Number(row.leaf_index), leafInput: row.leaf_input as Buffer }]),
  );
  const found = candidates.map((candidate) => byIdentity.get(candidate.identityHash.toString('hex')));
  const certificates = [...new Set(candidates.flatMap((candidate, i) => (candidate.certificate && !found[i] ? [candidate.certificate.toString('hex')] : [])))];
  if (certificates.length === 0) return found;
  const logged = await tx.rows<Record<string, unknown>>(sql`SELECT c.fingerprint, e.leaf_index, e.leaf_input FROM ctlog.certificates c
    JOIN ctlog.entries e ON e.tenant_id = c.tenant_id AND e.log_id = c.log_id AND e.leaf_index = c.leaf_index
    WHERE ${tx.tenant('c')} AND c.fingerprint IN ${sql.list(certificates.map((hex) => Buffer.from(hex, 'hex')))}`);
  const byCertificate = new Map(
    logged.map((row) => [(row.fingerprint as Buffer).toString('hex'), { leafIndex: Number(row.leaf_index), leafInput: row.leaf_input as Buffer }]),
  );
  return candidates.map((candidate, i) => found[i] ?? (candidate.certificate ? byCertificate.get(candidate.certificate.toString('hex')) : undefined));
}

/** A batch's entries, their new issuers, the tiles it changed and its head in the history. */
export async function storeBatch(
  tx: CtTx,
  logId: string,
  batch: { entries: readonly NewEntry[]; timestampMs: number; tiles: readonly TileUpdate[]; head: SignedHead },
): Promise<void> {
  const tenant = tx.tenantId;
  for (let i = 0; i < batch.entries.length; i += INSERT_CHUNK) {
    await tx.run(
      sql.insertMany(
        'ctlog.entries',
        batch.entries.slice(i, i + INSERT_CHUNK).map((entry) => ({
          tenant_id: tenant,
          log_id: logId,
          leaf_index: entry.leafIndex,
          leaf_hash: entry.leafHash,
          identity_hash: entry.identityHash,
          timestamp_ms: batch.timestampMs,
          leaf_input: entry.leafInput,
          pre_certificate: entry.preCertificate,
          chain: Buffer.concat(entry.issuers.map((issuer) => issuer.fingerprint)),
          not_after: entry.notAfter?.toISOString() ?? null,
        })),
      ),
    );
  }
  const issuers = new Map(batch.entries.flatMap((entry) => entry.issuers.map((issuer) => [issuer.fingerprint.toString('hex'), issuer.der] as const)));
  if (issuers.size > 0) {
    const rows = [...issuers].map(([fingerprint, der]) => ({ tenant_id: tenant, fingerprint: Buffer.from(fingerprint, 'hex'), der }));
    await tx.run(sql`${sql.insertMany('ctlog.issuers', rows)} ON CONFLICT DO NOTHING`);
  }
  await tx.run(
    sql.insertMany(
      'ctlog.tiles',
      batch.tiles.map((tile) => ({
        tenant_id: tenant,
        log_id: logId,
        level: tile.level,
        tile_index: tile.index,
        width: tile.hashes.length,
        hashes: Buffer.concat(tile.hashes),
      })),
    ),
  );
  await tx.run(
    sql.insert('ctlog.sth', {
      tenant_id: tenant,
      log_id: logId,
      tree_size: batch.head.treeSize,
      timestamp_ms: batch.head.timestampMs,
      root_hash: batch.head.rootHash,
      signature: batch.head.signature,
      created_at: tx.now.toISOString(),
    }),
  );
}

/**
 * The compare-and-swap of the current head: false when another replica moved it since `previous`
 * was read. On PostgreSQL the other replicas hear of the new head on `ctlog_head`.
 */
export async function swapHead(tx: CtTx, logId: string, previous: SignedHead, next: SignedHead): Promise<boolean> {
  const swapped = await tx.run(sql`UPDATE ctlog.log_head SET tree_size = ${next.treeSize}, root_hash = ${next.rootHash}, timestamp_ms = ${next.timestampMs},
      signature = ${next.signature}, updated_at = ${tx.now.toISOString()}
    WHERE ${tx.tenant()} AND log_id = ${logId} AND tree_size = ${previous.treeSize} AND root_hash = ${previous.rootHash} AND timestamp_ms = ${previous.timestampMs}`);
  if (swapped !== 1) return false;
  if (tx.pg) await tx.rows(sql`SELECT pg_notify('ctlog_head', ${logId})`);
  return true;
}
