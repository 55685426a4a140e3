/**
 * Resident memory of each service as its own process on PostgreSQL: idle after start-up, then
 * after LOAD_SECONDS of a read/write mix from wrk (one write in four). Goal: under 200 MiB.
 * The api suite adds the portal's figure after its own, heavier load.
 */
import { type BenchResult, verdict } from './bench-result';
import { startLoadedService, WORKLOADS } from './workloads';
import { runWrk } from './wrk';

const IDLE_SECONDS = 5;
const LOAD_SECONDS = 30;
const CONNECTIONS = 16;

export async function benchMemory(adminUrl: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const name of Object.keys(WORKLOADS)) {
    process.stderr.write(`  ${name}\n`);
    const service = await startLoadedService(adminUrl, name, 'bench_memory');
    try {
      await new Promise((done) => setTimeout(done, IDLE_SECONDS * 1000));
      const idle = service.server.memory();
      const load = runWrk(service.server.base, { connections: CONNECTIONS, seconds: LOAD_SECONDS, script: service.script });
      const after = service.server.memory();
      const under = (mib: number) => `< 200 MiB: ${verdict(mib < 200)}`;
      results.push(
        {
          name: `${name} RSS, idle ${IDLE_SECONDS} s after start-up`,
          unit: 'MiB',
          median: idle.rssMiB,
          p95: Number.NaN,
          rounds: 1,
          target: under(idle.rssMiB),
        },
        {
          name: `${name} RSS after ${LOAD_SECONDS} s of 3 reads : 1 write, ${CONNECTIONS} connections (${load.requests} requests at ${Math.round(load.perSecond)}/s, ${load.failed + load.socketErrors} failed; peak ${after.peakMiB.toFixed(0)} MiB)`,
          unit: 'MiB',
          median: after.rssMiB,
          p95: Number.NaN,
          rounds: 1,
          target: under(after.peakMiB),
        },
      );
    } finally {
      await service.stop();
    }
  }
  return results;
}
