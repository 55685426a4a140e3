import { sql } from '@lib/persistence';
import { verifyHead } from '../formats/heads';
import type { LogPublicKey } from '../formats/log-key';
import { leafHash, perfectRoot } from '../merkle/hash';
import { RightEdge, rightEdgeTiles, TILE_WIDTH } from '../merkle/tiles';
import type { CtTx } from '../store/ct-db';
import type { SignedHead } from '../formats/heads';
import { Lru } from '../common/lru';
import { currentHead, loadRightEdge, readHeadRow, readTiles } from '../store/tree-store';
import { type Divergence, HeadHistory } from './head-history';

const CHUNK = 2048;

export type IntegrityResult = { ok: true; head: SignedHead; edge: RightEdge } | { ok: false; problem: string };

/**
 * The head's signature and history row, the right edge against the signed
 * root, and the newest `rehash` entries against the level-0 and level-1 tiles. When that is every
 * entry (CTLOG_STARTUP_VERIFY=full), also every stored head, as `ctlog verify` checks them.
 * `signal` stops a long re-hash between chunks (the service is stopping).
 */
export async function checkIntegrity(tx: CtTx, logId: string, key: LogPublicKey, rehash: number, signal?: AbortSignal): Promise<IntegrityResult> {
  const head = await currentHead(tx, logId);
  if (!head) return { ok: false, problem: 'the log has no head' };
  if (!verifyHead(key, head)) return { ok: false, problem: `the signature of the head at size ${head.treeSize} does not verify` };
  const sth = await tx.one<Record<string, unknown>>(
    sql`SELECT root_hash FROM ctlog.sth WHERE ${tx.tenant()} AND log_id = ${logId} AND tree_size = ${head.treeSize}`,
  );
  if (!sth || !(sth.root_hash as Buffer).equals(head.rootHash)) return { ok: false, problem: `the head at size ${head.treeSize} has no equal history row` };
  const edge = await loadRightEdge(tx, logId, head);
  if (!edge) return { ok: false, problem: `the right-edge tiles do not hash to the signed root of size ${head.treeSize}` };

  const tileAt = tileLookup(tx, logId, edge);
  for (const { level, index, width } of rightEdgeTiles(head.treeSize)) {
    if (level === 0 || width === 0) continue;
    const below = await tileAt(level - 1, index * TILE_WIDTH + width - 1);
    if (!below || !perfectRoot(hashesOf(below)).equals(edge.tile(level)[width - 1]))
      return { ok: false, problem: `tile ${level}/${index} does not match the full tile below it` };
  }

  const from = Math.max(0, head.treeSize - rehash);
  // A full check also holds every stored head to its signature, its order and the tree at its size, as `ctlog verify` does.
  const divergences: Divergence[] = [];
  const history = from === 0 ? await headHistory(tx, logId, key, head, (divergence) => divergences.push(divergence)) : undefined;
  if (divergences.length > 0) return { ok: false, problem: divergences[0].message };
  const recomputed = RightEdge.empty();
  for (let start = from; start < head.treeSize; start += CHUNK) {
    signal?.throwIfAborted();
    const end = Math.min(head.treeSize, start + CHUNK);
    const rows = await tx.rows<Record<string, unknown>>(sql`SELECT leaf_index, leaf_input FROM ctlog.entries WHERE ${tx.tenant()} AND log_id = ${logId}
        AND leaf_index >= ${start} AND leaf_index < ${end} ORDER BY leaf_index`);
    if (rows.length !== end - start) return { ok: false, problem: `entries ${start}…${end - 1} are incomplete` };
    for (const row of rows) {
      const index = Number(row.leaf_index);
      const hash = leafHash(row.leaf_input as Buffer);
      if (history) {
        recomputed.append([hash]);
        history.rootAt(recomputed.size, () => recomputed.root());
        if (divergences.length > 0) return { ok: false, problem: divergences[0].message };
      }
      const tile = await tileAt(0, Math.floor(index / TILE_WIDTH));
      const stored = tile?.subarray((index % TILE_WIDTH) * 32, (index % TILE_WIDTH) * 32 + 32);
      if (!stored || stored.length !== 32 || !hash.equals(stored)) return { ok: false, problem: `entry ${index} does not hash to its level-0 tile` };
      if (index % TILE_WIDTH === TILE_WIDTH - 1) {
        const tileIndex = Math.floor(index / TILE_WIDTH);
        const parent = await tileAt(1, Math.floor(tileIndex / TILE_WIDTH));
        const expected = parent?.subarray((tileIndex % TILE_WIDTH) * 32, (tileIndex % TILE_WIDTH) * 32 + 32);
        if (!expected || !perfectRoot(hashesOf(tile!)).equals(expected))
          return { ok: false, problem: `level-0 tile ${tileIndex} does not match its level-1 hash` };
      }
    }
  }
  return { ok: true, head, edge };
}

/** Tile hashes by (level, index) for this check, through the shared reader with a per-check cache. */
function tileLookup(tx: CtTx, logId: string, edge: RightEdge): (level: number, index: number) => Promise<Buffer | undefined> {
  const cache = new Lru<Buffer>(64);
  return async (level, index) => (await readTiles(tx, logId, edge, cache, [{ level, index }])).tiles.get(`${level}/${index}`);
}

function hashesOf(tile: Buffer): Buffer[] {
  return Array.from({ length: tile.length / 32 }, (_, i) => tile.subarray(i * 32, i * 32 + 32));
}

const HEAD_PAGE = 1000;

/** Every stored head of the log, in order of size, through the shared history check. */
async function headHistory(tx: CtTx, logId: string, key: LogPublicKey, current: SignedHead, diverge: (divergence: Divergence) => void): Promise<HeadHistory> {
  const history = new HeadHistory(key, diverge);
  for (let after = -1; ;) {
    const rows = await tx.rows<Record<string, unknown>>(sql`SELECT tree_size, timestamp_ms, root_hash, signature FROM ctlog.sth
      WHERE ${tx.tenant()} AND log_id = ${logId} AND tree_size > ${after} ORDER BY tree_size LIMIT ${HEAD_PAGE}`);
    for (const row of rows) history.add(readHeadRow(row));
    if (rows.length < HEAD_PAGE) break;
    after = Number(rows[rows.length - 1].tree_size);
  }
  history.includes(current);
  return history;
}
