import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '@lib/platform';

/** The agent's series on `/metrics`. */
@Injectable()
export class NodeMetrics {
  readonly pulls: Counter<'result'>;
  readonly applies: Counter<'status'>;
  readonly eventsShipped: Counter;
  readonly eventsDropped: Counter<'reason'>;
  readonly eventsBuffered: Gauge;
  readonly panelFailures: Counter<'call'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.pulls = new Counter({ name: 'waf_agent_pulls_total', help: 'Pulls by result (200, 304, 404, error)', labelNames: ['result'], registers });
    this.applies = new Counter({
      name: 'waf_agent_applies_total',
      help: 'Deployments applied or failed (engine check or reload)',
      labelNames: ['status'],
      registers,
    });
    this.eventsShipped = new Counter({ name: 'waf_agent_events_shipped_total', help: 'Security events the panel accepted', registers });
    this.eventsDropped = new Counter({
      name: 'waf_agent_events_dropped_total',
      help: 'Security events dropped: buffer full, refused by the panel, unreadable line',
      labelNames: ['reason'],
      registers,
    });
    this.eventsBuffered = new Gauge({ name: 'waf_agent_events_buffered', help: 'Security events waiting to be shipped', registers });
    this.panelFailures = new Counter({ name: 'waf_agent_panel_failures_total', help: 'Calls to the panel that failed', labelNames: ['call'], registers });
  }
}
