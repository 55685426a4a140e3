import { sql } from '@lib/persistence';
import { canonicalJson, sha256Hex } from '@lib/platform';
import { byteOrder } from '@lib/platform';
import type { WafTx } from '../common/waf-db';
import type { BundleService } from '../render/bundle.service';
import { RenderError, vhostDirectory } from '../render/bundle-renderer';
import { vhostFromRow, type VhostRecord } from '../vhosts/vhost-store';

export interface SnapshotFile {
  readonly path: string;
  readonly vhostId: string;
  readonly domain: string;
  readonly policyId: string;
  readonly policyRevision: number;
  readonly vhostVersion: number;
  readonly sha256: string;
  readonly content: string;
}

export interface TenantSnapshot {
  readonly files: SnapshotFile[];
  readonly checksum: string;
  /** Enabled vhosts without a policy: they block a deployment. */
  readonly blocked: VhostRecord[];
  /** Per vhost, why its bundle could not be rendered. */
  readonly failures: { vhostId: string; domain: string; messages: string[] }[];
}

/** SHA-256 of `<sha256>  <path>\n` lines sorted bytewise by path. */
export function deploymentChecksum(files: ReadonlyArray<{ path: string; sha256: string }>): string {
  return sha256Hex(
    [...files]
      .sort((a, b) => byteOrder(a.path, b.path))
      .map((file) => `${file.sha256}  ${file.path}\n`)
      .join(''),
  );
}

/** Every enabled vhost's bundle and `vhost.json`, rendered from one read of the tenant's state. */
export async function renderTenant(tx: WafTx, bundles: BundleService): Promise<TenantSnapshot> {
  const vhosts = (await tx.rows<Record<string, unknown>>(sql`SELECT * FROM waf.vhosts WHERE ${tx.tenant()} AND enabled = ${true} ORDER BY domain`)).map(
    vhostFromRow,
  );
  const aggregateOf = bundles.aggregates(tx);
  const files: SnapshotFile[] = [];
  const blocked: VhostRecord[] = [];
  const failures: TenantSnapshot['failures'] = [];
  for (const vhost of vhosts) {
    if (vhost.policyId === null) {
      blocked.push(vhost);
      continue;
    }
    const aggregate = await aggregateOf(vhost.policyId);
    try {
      const bundle = bundles.render(tx.tenantId, vhost, aggregate);
      const descriptor = canonicalJson({
        domain: vhost.domain,
        backends: vhost.backends,
        tls: vhost.tls,
        policyId: vhost.policyId,
        mode: aggregate.policy.mode,
      });
      const common = {
        vhostId: vhost.id,
        domain: vhost.domain,
        policyId: vhost.policyId,
        policyRevision: aggregate.policy.version,
        vhostVersion: vhost.version,
      };
      const directory = vhostDirectory(vhost.domain);
      files.push({ ...common, path: `${directory}/modsecurity.conf`, sha256: bundle.sha256, content: bundle.content });
      files.push({ ...common, path: `${directory}/vhost.json`, sha256: sha256Hex(descriptor), content: descriptor });
    } catch (error) {
      if (!(error instanceof RenderError)) throw error;
      failures.push({ vhostId: vhost.id, domain: vhost.domain, messages: error.violations.map((violation) => violation.message) });
    }
  }
  return { files, checksum: deploymentChecksum(files), blocked, failures };
}
