import { mkdirSync, openSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import TailFile from '@logdna/tail-file';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AgentLoop } from '../agent-loop';
import { NodeMetrics } from '../node-metrics';
import { PanelClient, PanelError } from '../panel-client';
import { WAF_NODE_CONFIG } from '../waf-node.tokens';
import type { WafNodeConfig } from '../waf-node-config';
import { type SecurityEvent, securityEventOf } from './audit-record';

/** The panel's limit per batch, and a byte budget well inside its body limit. */
const BATCH_EVENTS = 200;
const BATCH_BYTES = 512 * 1024;

/**
 * Follows the engine's audit log and ships its events in bounded batches. nginx only appends to
 * a file, so nothing here can slow a request down. While the panel is unreachable, events wait in
 * a bounded buffer (the oldest go first when it is full, counted); they are shipped once it
 * answers again, and the panel stores a re-sent transaction once.
 */
@Injectable()
export class EventShipper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventShipper');
  private readonly buffer: SecurityEvent[] = [];
  private readonly loop: AgentLoop;
  private tail: TailFile | undefined;

  constructor(
    @Inject(WAF_NODE_CONFIG) private readonly config: WafNodeConfig,
    private readonly panel: PanelClient,
    private readonly metrics: NodeMetrics,
  ) {
    this.loop = new AgentLoop('EventShipper', config.shipIntervalMs, () => this.flush());
  }

  async onApplicationBootstrap(): Promise<void> {
    // The log exists before nginx first writes it, so following starts now, at its end.
    mkdirSync(dirname(this.config.auditLog), { recursive: true });
    closeSync(openSync(this.config.auditLog, 'a'));
    this.tail = new TailFile(this.config.auditLog, { encoding: 'utf8', pollFileIntervalMs: 250 });
    this.tail.on('tail_error', (error: Error) => this.logger.error(`cannot follow ${this.config.auditLog}: ${error.message}`));
    await this.tail.start();
    createInterface({ input: this.tail, crlfDelay: Infinity }).on('line', (line) => this.take(line));
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tail?.quit();
    await this.loop.close();
  }

  private take(line: string): void {
    if (line.trim() === '') return;
    let event: SecurityEvent | null;
    try {
      event = securityEventOf(line);
    } catch (error) {
      this.metrics.eventsDropped.inc({ reason: 'unreadable' });
      this.logger.warn(`skipped an audit-log line: ${(error as Error).message}`);
      return;
    }
    if (event === null) return;
    this.buffer.push(event);
    if (this.buffer.length > this.config.eventBuffer) {
      this.buffer.shift();
      this.metrics.eventsDropped.inc({ reason: 'buffer-full' });
    }
    this.metrics.eventsBuffered.set(this.buffer.length);
  }

  /** Ships everything buffered, batch by batch; stops at the first batch the panel did not take. */
  private async flush(): Promise<void> {
    while (this.buffer.length > 0) {
      let bytes = 0;
      let count = 0;
      while (count < Math.min(BATCH_EVENTS, this.buffer.length)) {
        bytes += JSON.stringify(this.buffer[count]).length;
        if (count > 0 && bytes > BATCH_BYTES) break;
        count++;
      }
      const batch = this.buffer.slice(0, count);
      try {
        await this.panel.ship(batch);
        this.metrics.eventsShipped.inc(batch.length);
      } catch (error) {
        if (!(error instanceof PanelError && error.status === 422)) {
          this.metrics.panelFailures.inc({ call: 'events' });
          throw error;
        }
        // Refused for good: holding it would stop every later event.
        this.metrics.eventsDropped.inc({ reason: 'refused' }, batch.length);
        this.logger.error(`the panel refused ${batch.length} events: ${error.message}`);
      }
      this.buffer.splice(0, count);
      this.metrics.eventsBuffered.set(this.buffer.length);
    }
  }
}
