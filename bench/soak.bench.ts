/**
 * Soak: all three services under the mixed load at once, each its own process on PostgreSQL,
 * for SOAK_SECONDS (600 unless set). Goals: no 5xx at all (counted by the services' own
 * /metrics, so a reset connection is not mistaken for one), and resident memory that does not
 * grow: the second half's highest RSS at most 10 % above the first half's, once warm.
 */
import { type BenchResult, verdict } from './bench-result';
import { type LoadedService, startLoadedService, WORKLOADS } from './workloads';
import { runWrkInBackground } from './wrk';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const CONNECTIONS = 8;
const SAMPLE_MS = 10_000;
/** The first samples are warm-up (JIT, pools, caches) and judge nothing. */
const WARM_UP_MS = Math.min(60_000, (SECONDS * 1000) / 5);

export async function benchSoak(adminUrl: string): Promise<BenchResult[]> {
  const names = Object.keys(WORKLOADS);
  const services: LoadedService[] = [];
  try {
    for (const name of names) services.push(await startLoadedService(adminUrl, name, 'bench_soak'));
    const samples: Array<{ at: number; rss: number[] }> = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push({ at: Date.now() - started, rss: services.map((s) => s.server.memory().rssMiB) }), SAMPLE_MS);
    process.stderr.write(`  ${names.join(', ')}: ${SECONDS} s, ${CONNECTIONS} connections each\n`);
    const loads = await Promise.all(
      services.map((service) => runWrkInBackground(service.server.base, { connections: CONNECTIONS, seconds: SECONDS, script: service.script })),
    ).finally(() => clearInterval(sampler));
    const results: BenchResult[] = [];
    for (const [i, name] of names.entries()) {
      const { total, serverErrors } = await answeredRequests(services[i].server.base);
      const warm = samples.filter((sample) => sample.at >= WARM_UP_MS);
      const half = warm.length >> 1;
      const firstHalf = Math.max(...warm.slice(0, half).map((sample) => sample.rss[i]));
      const secondHalf = Math.max(...warm.slice(half).map((sample) => sample.rss[i]));
      const load = loads[i];
      results.push(
        {
          name: `${name}: 5xx answers in ${SECONDS} s (${total} requests at ${Math.round(load.perSecond)}/s, p50 / p99 ${load.p50Ms.toFixed(1)} / ${load.p99Ms.toFixed(1)} ms, ${load.failed} other refusals, ${load.socketErrors} socket errors)`,
          unit: '',
          median: serverErrors,
          p95: Number.NaN,
          rounds: 1,
          target: `0: ${verdict(serverErrors === 0 && load.socketErrors === 0)}`,
        },
        {
          name: `${name}: highest RSS in the second half vs the first, after ${WARM_UP_MS / 1000} s warm-up (${firstHalf.toFixed(0)} → ${secondHalf.toFixed(0)} MiB; ${warm.length} samples)`,
          unit: '×',
          median: secondHalf / firstHalf,
          p95: Number.NaN,
          rounds: warm.length,
          target: `≤ 1.1: ${verdict(secondHalf <= firstHalf * 1.1)}`,
        },
      );
    }
    return results;
  } finally {
    await Promise.all(services.map((service) => service.stop()));
  }
}

/** Requests the service itself counted, from its Prometheus histogram, and how many were 5xx. */
async function answeredRequests(base: string): Promise<{ total: number; serverErrors: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let total = 0;
  let serverErrors = 0;
  for (const match of text.matchAll(/^http_request_duration_seconds_count\{([^}]*)\} (\d+)$/gm)) {
    const count = Number(match[2]);
    total += count;
    if (/status_code="5\d\d"/.test(match[1])) serverErrors += count;
  }
  return { total, serverErrors };
}
