import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CopyTable } from './copy-catalog';
import type { PreparedBatch, SourceBatch } from './source-batch';

type Pending = { resolve: (prepared: PreparedBatch) => void; reject: (error: Error) => void };

/**
 * Prepares batches (source-batch.ts) on a worker thread. The main thread then only moves bytes
 * between the databases and compares what comes back; on two cores that lets PostgreSQL work
 * without waiting for this process (docs/performance.md).
 */
export class BatchPreparer {
  // A worker thread loads plain JavaScript: the built `dist/` copy, which the CLI runs from.
  private readonly worker = new Worker(join(__dirname, 'batch-worker.js'));
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor() {
    this.worker.on('message', ({ id, prepared, error }: { id: number; prepared?: PreparedBatch; error?: string }) => {
      const waiting = this.pending.get(id)!;
      this.pending.delete(id);
      if (error !== undefined) waiting.reject(new Error(error));
      // Buffers arrive as plain Uint8Arrays.
      else
        waiting.resolve({
          ...prepared!,
          groups: prepared!.groups.map((group) => ({
            ...group,
            copyText: Buffer.from(group.copyText.buffer, group.copyText.byteOffset, group.copyText.byteLength),
          })),
        });
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the batch worker stopped (exit code ${code})`)));
  }

  prepare(table: CopyTable, batch: SourceBatch): Promise<PreparedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const prepared = new Promise<PreparedBatch>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage({ id, table, batch });
    return prepared;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
