import { Injectable } from '@nestjs/common';
import { sql } from '@lib/persistence';
import { conflict, found, unprocessable } from '../common/problems';
import { WafDb } from '../common/waf-db';
import { readAggregate, readPolicy } from '../policies/policy-store';
import { readVhost } from '../vhosts/vhost-store';
import { RenderError, vhostDirectory } from './bundle-renderer';
import { BundleService } from './bundle.service';
import type { VhostBundleView } from './render.dto';

@Injectable()
export class VhostBundleService {
  constructor(
    private readonly db: WafDb,
    private readonly bundles: BundleService,
  ) {}

  /** The vhost's bundle as it renders now, against the bundle of the current deployment. */
  async render(id: string): Promise<VhostBundleView> {
    return this.db.unit(async (tx) => {
      const vhost = found(await readVhost(tx, id), 'Vhost');
      if (vhost.policyId === null) throw conflict('vhost-without-policy', 'The vhost has no policy, so it has no bundle.');
      const aggregate = await readAggregate(tx, (await readPolicy(tx, vhost.policyId))!);
      let bundle;
      try {
        bundle = this.bundles.render(tx.tenantId, vhost, aggregate);
      } catch (error) {
        if (!(error instanceof RenderError)) throw error;
        throw unprocessable('render-failed', 'The bundle cannot be rendered.', undefined, { violations: error.violations });
      }
      const deployed = await tx.one<{ sha256: string }>(
        sql`SELECT f.sha256 FROM waf.deployment_state s JOIN waf.deployment_files f ON f.tenant_id = s.tenant_id AND f.deployment_id = s.current_deployment_id
          WHERE ${tx.tenant('s')} AND f.path = ${`${vhostDirectory(vhost.domain)}/modsecurity.conf`}`,
      );
      const deployedSha256 = deployed?.sha256 ?? null;
      return {
        vhostId: vhost.id,
        domain: vhost.domain,
        policyId: vhost.policyId,
        policyRevision: aggregate.policy.version,
        sha256: bundle.sha256,
        content: bundle.content,
        warnings: bundle.warnings,
        deployedSha256,
        pending: deployedSha256 !== bundle.sha256,
      };
    });
  }
}
