import { parentPort } from 'node:worker_threads';
import type { CopyTable } from './copy-catalog';
import { prepareBatch, type SourceBatch } from './source-batch';

/** The worker thread of batch-preparer.ts: prepares each batch it is sent, in order. */
parentPort!.on('message', ({ id, table, batch }: { id: number; table: CopyTable; batch: SourceBatch }) => {
  try {
    parentPort!.postMessage({ id, prepared: prepareBatch(table, batch) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
