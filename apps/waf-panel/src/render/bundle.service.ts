import { Inject, Injectable } from '@nestjs/common';
import { WafMetrics } from '../common/waf-metrics';
import type { WafTx } from '../common/waf-db';
import { type PolicyAggregate, readAggregate, readPolicy } from '../policies/policy-store';
import type { VhostRecord } from '../vhosts/vhost-store';
import { WAF_CONFIG, type WafConfig } from '../waf-config';
import { type RenderedBundle, renderVhostBundle } from './bundle-renderer';

/** Renders stored vhosts with the configured CRS, reading each policy aggregate once per unit. */
@Injectable()
export class BundleService {
  constructor(
    @Inject(WAF_CONFIG) private readonly config: WafConfig,
    private readonly metrics: WafMetrics,
  ) {}

  get crsVersion(): string {
    return this.config.crsVersion;
  }

  /** A per-unit cache of aggregates, so a deployment of many vhosts reads each policy once. */
  aggregates(tx: WafTx): (policyId: string) => Promise<PolicyAggregate> {
    const cache = new Map<string, Promise<PolicyAggregate>>();
    return (policyId) => {
      let aggregate = cache.get(policyId);
      if (!aggregate) {
        aggregate = readPolicy(tx, policyId).then((policy) => readAggregate(tx, policy!));
        cache.set(policyId, aggregate);
      }
      return aggregate;
    };
  }

  render(tenantId: string, vhost: Pick<VhostRecord, 'id' | 'domain'>, aggregate: PolicyAggregate): RenderedBundle {
    const stop = this.metrics.renderDuration.startTimer();
    try {
      return renderVhostBundle(
        {
          tenantId,
          vhost: { id: vhost.id, domain: vhost.domain },
          policy: { settings: aggregate.policy, overrides: aggregate.overrides, exclusions: aggregate.exclusions, customRules: aggregate.customRules },
        },
        { crsInclude: this.config.crsInclude, crsVersion: this.config.crsVersion, catalogue: this.config.catalogue },
      );
    } finally {
      stop();
    }
  }
}
