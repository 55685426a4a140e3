import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@lib/platform';

/** The panel's own series on `/metrics`. */
@Injectable()
export class WafMetrics {
  readonly deployments: Counter<'status'>;
  readonly nodePulls: Counter<'result'>;
  readonly auditWriteFailures: Counter;
  readonly renderDuration: Histogram;
  readonly securityEvents: Counter<'action'>;
  readonly nodeApplies: Counter<'status'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.deployments = new Counter({ name: 'waf_deployments_total', help: 'Deployments by outcome', labelNames: ['status'], registers });
    this.nodePulls = new Counter({ name: 'waf_node_pulls_total', help: 'Node pulls by HTTP result', labelNames: ['result'], registers });
    this.auditWriteFailures = new Counter({
      name: 'waf_audit_write_failures_total',
      help: 'Audit entries of refused writes that could not be written',
      registers,
    });
    this.securityEvents = new Counter({ name: 'waf_security_events_total', help: 'Security events stored, by action', labelNames: ['action'], registers });
    this.nodeApplies = new Counter({
      name: 'waf_node_applies_total',
      help: 'Node reports of applying a deployment, by status',
      labelNames: ['status'],
      registers,
    });
    this.renderDuration = new Histogram({
      name: 'waf_render_duration_seconds',
      help: 'Time to render one vhost bundle',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
      registers,
    });
  }
}
