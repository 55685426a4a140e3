export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly median: number;
  readonly p95: number;
  /** Per-request latency under load, in ms, where the figure is a throughput. */
  readonly latency?: { readonly p50: number; readonly p99: number };
  readonly rounds: number;
  readonly target?: string;
}
