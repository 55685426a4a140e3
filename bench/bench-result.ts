export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly median: number;
  readonly p95: number;
  readonly rounds: number;
  readonly target?: string;
}
