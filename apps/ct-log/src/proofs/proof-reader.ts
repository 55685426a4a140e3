import { Injectable } from '@nestjs/common';
import { CtMetrics } from '../common/ct-metrics';
import type { LogRuntime } from '../sequencer/log-runtime';
import { consistencyProof, inclusionProof, type NodeSource } from '../merkle/proofs';
import type { CtTx } from '../store/ct-db';
import { nodeFromTile, readTiles, tileOfNode } from '../store/tree-store';

/**
 * Proofs from tiles: right-edge tiles from memory, full tiles from the LRU or one query, so a
 * proof against the latest head reads at most one stored tile per level (G6).
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
      const located = nodes.map(tileOfNode);
      const { tiles, stored } = await readTiles(tx, runtime.logId, runtime.edge!, runtime.fullTiles, located);
      this.metrics.proofTileReads.observe(stored);
      return located.map(({ level, index, offset, count }) => {
        const tile = tiles.get(`${level}/${index}`);
        if (!tile) throw new Error(`tile ${level}/${index} is missing`);
        return nodeFromTile(tile, offset, count);
      });
    };
  }
}
