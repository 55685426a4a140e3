import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ReadinessRegistry } from '@lib/platform';
import { AgentLoop } from '../agent-loop';
import { NodeMetrics } from '../node-metrics';
import { type ApplyReport, PanelClient } from '../panel-client';
import { WAF_NODE_CONFIG } from '../waf-node.tokens';
import type { WafNodeConfig } from '../waf-node-config';
import { Applier } from './applier';

/**
 * Pull, apply, report: the node asks for the current deployment with the checksum it serves
 * (304 until something new is published), applies a new one, and reports the outcome. A
 * deployment that failed here is not applied again; once the panel's current deployment is the one
 * this node serves again (a rollback), the node reports that as applied. A report the panel could
 * not take is sent again before the next pull.
 */
@Injectable()
export class DeploymentPuller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeploymentPuller');
  private readonly loop: AgentLoop;
  private failedChecksum: string | null = null;
  private unreported: ApplyReport | null = null;

  constructor(
    @Inject(WAF_NODE_CONFIG) config: WafNodeConfig,
    private readonly panel: PanelClient,
    private readonly applier: Applier,
    private readonly metrics: NodeMetrics,
    readiness: ReadinessRegistry,
  ) {
    this.loop = new AgentLoop('DeploymentPuller', config.pullIntervalMs, () => this.step());
    // A node takes traffic once nginx serves a deployment: before that it would answer 421 to every vhost.
    readiness.register({
      name: 'deployment',
      check: async () => {
        const checksum = applier.servedChecksum();
        if (checksum === null) throw new Error('no deployment applied yet');
        return { checksum, failedChecksum: this.failedChecksum };
      },
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.close();
  }

  private async step(): Promise<void> {
    await this.sendReport();
    const served = this.applier.servedChecksum();
    let answer;
    try {
      answer = await this.panel.pull(served === null ? [] : [served]);
    } catch (error) {
      this.metrics.pulls.inc({ result: 'error' });
      this.metrics.panelFailures.inc({ call: 'pull' });
      throw error;
    }
    this.metrics.pulls.inc({ result: String(answer.status) });
    if (answer.status === 304 && served !== null && this.failedChecksum !== null) {
      // The failed deployment was replaced by the one this node serves (a rollback): say so.
      this.failedChecksum = null;
      this.unreported = await this.applier.report(served, 'applied', null);
    } else if (answer.status === 200 && answer.bundle.checksum !== this.failedChecksum) {
      this.unreported = await this.applier.apply(answer.bundle);
      this.failedChecksum = this.unreported.status === 'failed' ? answer.bundle.checksum : null;
    }
    await this.sendReport();
  }

  private async sendReport(): Promise<void> {
    if (this.unreported === null) return;
    try {
      await this.panel.report(this.unreported);
      this.unreported = null;
    } catch (error) {
      this.metrics.panelFailures.inc({ call: 'report' });
      this.logger.warn(`the apply report waits for the panel: ${(error as Error).message}`);
      throw error;
    }
  }
}
