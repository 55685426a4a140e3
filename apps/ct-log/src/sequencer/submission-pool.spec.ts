import { randomBytes } from 'node:crypto';
import { CtError } from '../common/ct-error';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../store/log-record';
import type { PendingLeaf, Sequenced } from './pending-leaf';
import { type PoolItem, SubmissionPool } from './submission-pool';

const leaf = (lowPriority = false): PendingLeaf => {
  const bytes = randomBytes(16);
  return { identityHash: bytes, lowPriority, build: () => bytes, preCertificate: null, issuers: [], notAfter: null } as unknown as PendingLeaf;
};

/** A pool whose commits wait until the test lets each one finish. */
function pool(config: Partial<LogConfig> = {}) {
  const batches: PoolItem[][] = [];
  const finish: Array<() => void> = [];
  const submissionPool = new SubmissionPool(
    () => ({ ...DEFAULT_LOG_CONFIG, ...config }),
    (items) => {
      batches.push(items);
      return new Promise<void>((resolve) =>
        finish.push(() => {
          for (const item of items) item.resolve({ leafIndex: 0, leafInput: Buffer.alloc(0), duplicate: false } as unknown as Sequenced);
          resolve();
        }),
      );
    },
  );
  return { submissionPool, batches, finish };
}

describe('SubmissionPool (group commit)', () => {
  it('commits a lone submission at once, and as the next batch whatever arrived during a commit', async () => {
    const { submissionPool, batches, finish } = pool({ batch_max_age_ms: 60_000 });
    const [first] = submissionPool.admit([leaf()]);
    expect(batches.map((batch) => batch.length)).toEqual([1]);
    const waiting = [...submissionPool.admit([leaf()]), ...submissionPool.admit([leaf(), leaf()])];
    expect(batches).toHaveLength(1);
    finish[0]();
    await first;
    expect(batches.map((batch) => batch.length)).toEqual([1, 3]);
    finish[1]();
    await Promise.all(waiting);
    expect(submissionPool.size).toBe(0);
  });

  it('keeps batches within batch_max_size, whole groups together', async () => {
    const { submissionPool, batches, finish } = pool({ batch_max_size: 2 });
    submissionPool.admit([leaf()]);
    submissionPool.admit([leaf(), leaf(), leaf()]);
    submissionPool.admit([leaf()]);
    finish[0]();
    await new Promise((resolve) => setImmediate(resolve));
    // The three-leaf group is never split, so that batch is larger than the maximum.
    expect(batches.map((batch) => batch.length)).toEqual([1, 3]);
  });

  it('counts a batch being committed against pool_size: poolFull until it is done', async () => {
    const { submissionPool, finish } = pool({ pool_size: 1, retry_after_s: [2, 3] });
    const [first] = submissionPool.admit([leaf()]);
    let refusal: unknown;
    try {
      submissionPool.admit([leaf()]);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CtError);
    expect(refusal).toMatchObject({ code: 'poolFull' });
    expect((refusal as CtError).getStatus()).toBe(503);
    finish[0]();
    await first;
    expect(() => submissionPool.admit([leaf()])).not.toThrow();
  });
});
