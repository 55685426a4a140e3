/**
 * Resident memory of each service as its own process on PostgreSQL: idle after start-up, then
 * after LOAD_SECONDS of a read/write mix from wrk (one write in four). Goal: under 200 MiB.
 * The api suite adds the portal's figure after its own, heavier load.
 */
import { type BenchResult, verdict } from './bench-result';
import { startLoadedService, WORKLOADS } from './workloads';
import { runWrk } from './wrk';

const IDLE_SECONDS = 5;
/** After the load: how long the service rests before its settled RSS is read (V8 shrinks an idle heap). */
const SETTLE_SECONDS = 15;
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
      const heap = await heapOf(service.server.base);
      await new Promise((done) => setTimeout(done, SETTLE_SECONDS * 1000));
      const settled = service.server.memory();
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
        {
          name: `${name} RSS settled, ${SETTLE_SECONDS} s after the load (V8 heap right after the load: ${heap.usedMiB.toFixed(0)} MiB used of ${heap.totalMiB.toFixed(0)} MiB)`,
          unit: 'MiB',
          median: settled.rssMiB,
          p95: Number.NaN,
          rounds: 1,
          target: under(settled.rssMiB),
        },
      );
    } finally {
      await service.stop();
    }
  }
  return results;
}

/** The V8 heap as the service's own /metrics reports it. */
async function heapOf(base: string): Promise<{ usedMiB: number; totalMiB: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN) / 1024 / 1024;
  return { usedMiB: value('nodejs_heap_size_used_bytes'), totalMiB: value('nodejs_heap_size_total_bytes') };
}
