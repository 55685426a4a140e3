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

export function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

/** A ratio between two figures of the same run, judged against its goal when it has one. */
export function ratio(name: string, value: number, goal?: number): BenchResult {
  return { name, unit: '×', median: value, p95: Number.NaN, rounds: 1, target: goal === undefined ? undefined : `≥ ${goal}: ${verdict(value >= goal)}` };
}
