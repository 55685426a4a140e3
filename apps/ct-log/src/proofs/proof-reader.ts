import { Injectable } from '@nestjs/common';
import { CtMetrics } from '../common/ct-metrics';
import type { LogRuntime } from '../logs/log-runtime';
import { consistencyProof, inclusionProof, type NodeSource } from '../merkle/proofs';
import { rightEdgeTiles } from '../merkle/tiles';
import type { CtTx } from '../store/ct-db';
import { fullTileRows, nodeFromTile, tileOfNode } from '../store/tree-store';

/**
 * Proofs from tiles: right-edge tiles from memory, full tiles from the LRU or one query, so a
 * proof against the latest head reads at most one stored tile per level (spec §4.9, G6).
 */
@Injectable()
export class ProofReader {
  constructor(private readonly metrics: CtMetrics) {}

  inclusion(tx: CtTx, runtime: LogRuntime, leafIndex: number, treeSize: number): Promise<Buffer[]> {
    return inclusionProof(leafIndex, treeSize, this.source(tx, runtime));
  }

  consistency(tx: CtTx, runtime: LogRuntime, first: number, second: number): Promise<Buffer[]> {
    return consistencyProof(first, second, this.source(tx, runtime));
  }

  /** Needs `runtime.edge` loaded (LogRegistry.ensureEdge). */
  private source(tx: CtTx, runtime: LogRuntime): NodeSource {
    return async (nodes) => {
      const edge = runtime.edge!;
      const partials = rightEdgeTiles(edge.size);
      const located = nodes.map(tileOfNode);
      const tiles = new Map<string, Buffer>();
      const missing: Array<{ level: number; index: number }> = [];
      for (const { level, index } of located) {
        const key = `${level}/${index}`;
        if (tiles.has(key)) continue;
        const partial = partials[level];
        const hashes = partial.width > 0 && partial.index === index ? Buffer.concat(edge.tile(level)) : runtime.fullTiles.get(key);
        if (hashes) tiles.set(key, hashes);
        else if (!missing.some((m) => m.level === level && m.index === index)) missing.push({ level, index });
      }
      if (missing.length > 0) {
        for (const [key, hashes] of await fullTileRows(tx, runtime.logId, missing)) {
          tiles.set(key, hashes);
          runtime.fullTiles.set(key, hashes);
        }
      }
      this.metrics.proofTileReads.observe(missing.length);
      return located.map(({ level, index, offset, count }) => {
        const tile = tiles.get(`${level}/${index}`);
        if (!tile) throw new Error(`tile ${level}/${index} is missing`);
        return nodeFromTile(tile, offset, count);
      });
    };
  }
}
