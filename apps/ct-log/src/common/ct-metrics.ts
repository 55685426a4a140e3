import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '@lib/platform';

const STATES = ['starting', 'ready', 'corrupt', 'key_unavailable', 'read_only'] as const;

/** The log's series on `/metrics`. */
@Injectable()
export class CtMetrics {
  readonly poolPending: Gauge<'log'>;
  readonly batchEntries: Histogram;
  readonly batchSeconds: Histogram;
  readonly sctLatency: Histogram;
  readonly mergeDelay: Histogram;
  readonly treeSize: Gauge<'log'>;
  readonly headAge: Gauge<'log'>;
  readonly submissions: Counter<'log' | 'result'>;
  readonly proofTileReads: Histogram;
  private readonly logState: Gauge<'log' | 'state'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.poolPending = new Gauge({
      name: 'ctlog_pool_pending',
      help: 'Admitted submissions not yet committed, per log, on this replica',
      labelNames: ['log'],
      registers,
    });
    this.batchEntries = new Histogram({ name: 'ctlog_batch_entries', help: 'Items per committed batch', buckets: [1, 4, 16, 64, 256, 1024, 4096], registers });
    this.batchSeconds = new Histogram({
      name: 'ctlog_batch_seconds',
      help: 'Batch transaction time',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.sctLatency = new Histogram({
      name: 'ctlog_sct_latency_seconds',
      help: 'Submission to SCT',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers,
    });
    this.mergeDelay = new Histogram({
      name: 'ctlog_merge_delay_seconds',
      help: 'Entry timestamp to its head being published',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 3, 10, 60],
      registers,
    });
    this.treeSize = new Gauge({ name: 'ctlog_tree_size', help: 'Size of the current head', labelNames: ['log'], registers });
    this.headAge = new Gauge({ name: 'ctlog_head_age_seconds', help: 'Age of the current head', labelNames: ['log'], registers });
    this.submissions = new Counter({ name: 'ctlog_submissions_total', help: 'Submissions by outcome', labelNames: ['log', 'result'], registers });
    this.proofTileReads = new Histogram({ name: 'ctlog_proof_tile_reads', help: 'Stored tiles read per proof', buckets: [0, 1, 2, 3, 4, 6, 8], registers });
    this.logState = new Gauge({ name: 'ctlog_log_state', help: '1 for the state each log is in', labelNames: ['log', 'state'], registers });
  }

  setState(log: string, state: (typeof STATES)[number]): void {
    for (const candidate of STATES) this.logState.set({ log, state: candidate }, candidate === state ? 1 : 0);
  }
}
