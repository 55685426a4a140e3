import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { iso, isoOrNull, json, sql, toJson } from '@lib/persistence';
import { ProblemException, problem, requestContext, weakMatch } from '@lib/platform';
import { byteOrder, Checker, type Json } from '@lib/platform';
import { CreateDeploymentBody, NodeReportBody } from './deployment.dto';
import { checkPage, pageResult } from '../common/list-query';
import { conflict, found, unprocessable } from '../common/problems';
import { WafDb, type WafTx } from '../common/waf-db';
import { WafMetrics } from '../common/waf-metrics';
import { BundleService } from '../render/bundle.service';
import { lintBundle } from '../render/bundle-linter';
import { WAF_CONFIG, type WafConfig } from '../waf-config';
import { renderTenant, type SnapshotFile, type TenantSnapshot } from './deployment-snapshot';
import { runEngineCheck } from './engine-check';
import { isCrsVersion } from '@lib/waf';

const DEPLOYMENT = 'Deployment';
const LEASE_SECONDS = 120;
export const RENDER_FORMAT = 1;

interface DeploymentError {
  readonly domain: string;
  readonly message: string;
}

function deploymentFromRow(row: Record<string, unknown>) {
  return {
    id: String(row.id),
    sequence: Number(row.sequence),
    status: String(row.status),
    checksum: String(row.checksum),
    crsVersion: String(row.crs_version),
    renderFormat: Number(row.render_format),
    fileCount: Number(row.file_count),
    errors: json<DeploymentError[]>(row.errors),
    comment: String(row.comment),
    createdAt: iso(row.created_at),
    createdBy: String(row.created_by),
  };
}

export type Deployment = ReturnType<typeof deploymentFromRow>;

@Injectable()
export class DeploymentsService {
  constructor(
    private readonly db: WafDb,
    private readonly bundles: BundleService,
    private readonly metrics: WafMetrics,
    @Inject(WAF_CONFIG) private readonly config: WafConfig,
  ) {}

  /** Lease, render, compare, validate, publish. `created` false when nothing changed. */
  async create(body: Json): Promise<{ created: boolean; deployment: Deployment }> {
    const check = new Checker();
    const { expectedChecksum: expected, comment = '' } = check.fields(CreateDeploymentBody, body)!;
    check.done();
    const holder = randomUUID();
    await this.takeLease(holder);
    try {
      const { snapshot, current } = await this.db.unit(async (tx) => ({
        snapshot: await renderTenant(tx, this.bundles),
        current: await currentDeployment(tx),
      }));
      if (snapshot.blocked.length > 0) {
        throw unprocessable('vhost-without-policy', 'Enabled vhosts without a policy cannot be deployed; assign a policy or disable them.', undefined, {
          vhosts: snapshot.blocked.map((vhost) => ({ vhostId: vhost.id, domain: vhost.domain })),
        });
      }
      if (expected !== undefined && expected !== snapshot.checksum) {
        throw conflict('render-changed', 'The configuration changed since it was reviewed; review the pending changes again.', { checksum: snapshot.checksum });
      }
      if (current && current.checksum === snapshot.checksum && snapshot.failures.length === 0) return { created: false, deployment: current };
      const errors = await this.validate(snapshot);
      const deployment = await this.publish(snapshot, errors, comment!);
      this.metrics.deployments.inc({ status: deployment.status });
      if (errors.length > 0) {
        throw unprocessable('deployment-validation-failed', 'The rendered configuration failed validation; the current deployment stays current.', undefined, {
          deploymentId: deployment.id,
          errors,
        });
      }
      return { created: true, deployment };
    } finally {
      await this.db.unit((tx) =>
        tx.run(sql`UPDATE waf.deployment_state SET lease_holder = NULL, lease_expires_at = NULL WHERE ${tx.tenant()} AND lease_holder = ${holder}`),
      );
    }
  }

  /** One conditional UPDATE takes the tenant's lease on either backend, across replicas. */
  private async takeLease(holder: string): Promise<void> {
    const taken = await this.db.unit(async (tx) => {
      await tx.run(sql`INSERT INTO waf.deployment_state (tenant_id, next_sequence, version) VALUES (${tx.tenantId}, 1, 1) ON CONFLICT (tenant_id) DO NOTHING`);
      const now = tx.now.toISOString();
      const expires = new Date(tx.now.getTime() + LEASE_SECONDS * 1000).toISOString();
      return tx.run(
        sql`UPDATE waf.deployment_state SET lease_holder = ${holder}, lease_expires_at = ${expires}, version = version + 1
          WHERE ${tx.tenant()} AND (lease_holder IS NULL OR lease_expires_at < ${now})`,
      );
    });
    if (taken !== 1) {
      throw new ProblemException(problem(409, 'Another deployment of this tenant is in progress; retry shortly.', { slug: 'deployment-in-progress' }), {
        'retry-after': '5',
      });
    }
  }

  private async validate(snapshot: TenantSnapshot): Promise<DeploymentError[]> {
    const errors: DeploymentError[] = snapshot.failures.flatMap((failure) => failure.messages.map((message) => ({ domain: failure.domain, message })));
    for (const file of snapshot.files.filter((candidate) => candidate.path.endsWith('.conf'))) {
      for (const finding of lintBundle(file.content)) errors.push({ domain: file.domain, message: `line ${finding.line}: ${finding.message}` });
    }
    if (errors.length === 0 && this.config.engineCheckCommand) {
      const output = await runEngineCheck(this.config.engineCheckCommand, this.config.engineCheckTimeoutMs, snapshot.files);
      if (output !== null) errors.push({ domain: domainIn(output, snapshot.files), message: output });
    }
    return errors;
  }

  /** Deployment, files, state and audit entry in one transaction; a failed one never becomes current. */
  private async publish(snapshot: TenantSnapshot, errors: DeploymentError[], comment: string): Promise<Deployment> {
    return this.db.unit(async (tx) => {
      const state = (await tx.one<{ next_sequence: unknown }>(sql`SELECT next_sequence FROM waf.deployment_state WHERE ${tx.tenant()}${tx.forUpdate}`))!;
      const id = randomUUID();
      const sequence = Number(state.next_sequence);
      const status = errors.length === 0 ? 'succeeded' : 'failed';
      await tx.run(
        sql.insert('waf.deployments', {
          tenant_id: tx.tenantId,
          id,
          sequence,
          status,
          checksum: snapshot.checksum,
          crs_version: this.config.crsVersion,
          render_format: RENDER_FORMAT,
          file_count: snapshot.files.length,
          errors: toJson(errors),
          comment,
          created_at: tx.now.toISOString(),
          created_by: tx.actor,
        }),
      );
      for (const file of snapshot.files) {
        await tx.run(
          sql.insert('waf.deployment_files', {
            tenant_id: tx.tenantId,
            deployment_id: id,
            path: file.path,
            vhost_id: file.vhostId,
            domain: file.domain,
            policy_id: file.policyId,
            policy_revision: file.policyRevision,
            vhost_version: file.vhostVersion,
            sha256: file.sha256,
            content: file.content,
          }),
        );
      }
      await tx.run(
        sql`UPDATE waf.deployment_state SET next_sequence = ${sequence + 1}, version = version + 1${status === 'succeeded' ? sql`, current_deployment_id = ${id}` : sql``} WHERE ${tx.tenant()}`,
      );
      await tx.audit({
        action: 'deployment.create',
        outcome: status === 'succeeded' ? 'success' : 'failed',
        entity: { type: 'deployment', id, label: `#${sequence}` },
        after: { deploymentId: id, sequence, checksum: snapshot.checksum, fileCount: snapshot.files.length, status },
        detail:
          errors.length > 0
            ? errors
                .map((error) => `${error.domain}: ${error.message}`)
                .join('\n')
                .slice(0, 4000)
            : comment || null,
      });
      return deploymentFromRow((await tx.one<Record<string, unknown>>(sql`SELECT * FROM waf.deployments WHERE ${tx.tenant()} AND id = ${id}`))!);
    });
  }

  async list(query: Json) {
    const check = new Checker('query');
    const page = checkPage(check, query, 1);
    check.done();
    return this.db.read(async (tx) => {
      const after = page.after ? sql` AND sequence < ${Number(page.after[0])}` : sql``;
      const rows = await tx.rows<Record<string, unknown>>(
        sql`SELECT * FROM waf.deployments WHERE ${tx.tenant()}${after} ORDER BY sequence DESC LIMIT ${page.limit + 1}`,
      );
      return pageResult(rows.map(deploymentFromRow), page.limit, (deployment) => [deployment.sequence]);
    });
  }

  async get(id: string, include: unknown) {
    const check = new Checker('query');
    if (include !== undefined && include !== 'content') check.fail('include', 'must be content');
    check.done();
    return this.db.read(async (tx) => {
      const row = found(await tx.one<Record<string, unknown>>(sql`SELECT * FROM waf.deployments WHERE ${tx.tenant()} AND id = ${id}`), DEPLOYMENT);
      return { ...deploymentFromRow(row), files: await deploymentFiles(tx, id, include === 'content') };
    });
  }

  async current() {
    return this.db.read(async (tx) => {
      const deployment = found(await currentDeployment(tx), 'A current deployment');
      return { ...deployment, files: await deploymentFiles(tx, deployment.id, false) };
    });
  }

  /** What a deployment now would change, per vhost. */
  async pending() {
    return this.db.read(async (tx) => {
      const snapshot = await renderTenant(tx, this.bundles);
      const deployed = await currentDeployment(tx);
      const deployedFiles = deployed ? await deploymentFiles(tx, deployed.id, false) : [];
      const byVhost = (files: ReadonlyArray<Pick<SnapshotFile, 'vhostId' | 'domain' | 'path' | 'sha256'>>) => {
        const map = new Map<string, { domain: string; files: string[] }>();
        for (const file of files) {
          const entry = map.get(file.vhostId) ?? { domain: file.domain, files: [] };
          entry.files.push(`${file.path}:${file.sha256}`);
          map.set(file.vhostId, entry);
        }
        return map;
      };
      const now = byVhost(snapshot.files);
      const before = byVhost(deployedFiles);
      const changes: { vhostId: string; domain: string; change: string }[] = [];
      for (const [vhostId, entry] of now) {
        const old = before.get(vhostId);
        if (!old) changes.push({ vhostId, domain: entry.domain, change: 'added' });
        else if (old.files.sort().join() !== entry.files.sort().join()) changes.push({ vhostId, domain: entry.domain, change: 'modified' });
      }
      for (const [vhostId, entry] of before) if (!now.has(vhostId)) changes.push({ vhostId, domain: entry.domain, change: 'removed' });
      for (const vhost of snapshot.blocked) changes.push({ vhostId: vhost.id, domain: vhost.domain, change: 'blocked' });
      for (const failure of snapshot.failures) changes.push({ vhostId: failure.vhostId, domain: failure.domain, change: 'blocked' });
      changes.sort((a, b) => byteOrder(a.domain, b.domain));
      return {
        pending: changes.length > 0,
        currentChecksum: snapshot.checksum,
        deployedChecksum: deployed?.checksum ?? null,
        deployedDeploymentId: deployed?.id ?? null,
        changes,
      };
    });
  }

  /**
   * the current deployment for a node, 304 when it already has it; every pull is
   * recorded. A node that names its CRS version (`X-WAF-CRS-Version`) is refused a deployment
   * rendered for another one (409): it would load, and not enforce what was configured.
   */
  async pull(ifNoneMatch: string | undefined, nodeCrsVersion: string | undefined): Promise<{ status: 200 | 304; etag: string; body?: object }> {
    if (nodeCrsVersion !== undefined && !isCrsVersion(nodeCrsVersion)) {
      throw new ProblemException(problem(400, `X-WAF-CRS-Version must be a CRS version like 3.3.4, not "${nodeCrsVersion.slice(0, 40)}"`));
    }
    const context = requestContext.current();
    const answer = await this.db.unit(async (tx) => {
      const deployment = await currentDeployment(tx);
      const etag = deployment ? `"${deployment.checksum}"` : '';
      const mismatch = deployment !== undefined && nodeCrsVersion !== undefined && nodeCrsVersion !== deployment.crsVersion;
      const status = !deployment ? 404 : mismatch ? 409 : weakMatch(ifNoneMatch, etag) ? 304 : 200;
      await tx.run(
        sql`INSERT INTO waf.node_status (tenant_id, node_id, last_pull_at, last_pull_result, last_served_checksum, user_agent)
          VALUES (${tx.tenantId}, ${tx.actor}, ${tx.now.toISOString()}, ${status}, ${mismatch ? null : (deployment?.checksum ?? null)}, ${(context?.userAgent ?? '').slice(0, 200) || null})
          ON CONFLICT (tenant_id, node_id) DO UPDATE SET last_pull_at = excluded.last_pull_at, last_pull_result = excluded.last_pull_result,
            last_served_checksum = excluded.last_served_checksum, user_agent = excluded.user_agent`,
      );
      if (status !== 200) return { status, etag, deploymentCrsVersion: deployment?.crsVersion };
      const files = (await deploymentFiles(tx, deployment!.id, true)).map(({ path, sha256, content }) => ({ path, sha256, content }));
      const { id, sequence, checksum, crsVersion, renderFormat, createdAt } = deployment!;
      return { status, etag, body: { deploymentId: id, sequence, checksum, crsVersion, renderFormat, createdAt, files } };
    });
    this.metrics.nodePulls.inc({ result: String(answer.status) });
    // The pull is recorded even when there is nothing to serve, so refusals are raised after the commit.
    if (answer.status === 404) throw new ProblemException(problem(404, 'No deployment has been published for this tenant yet.', { slug: 'no-deployment' }));
    if (answer.status === 409) {
      throw new ProblemException(
        problem(
          409,
          `The current deployment was rendered for CRS ${answer.deploymentCrsVersion}; this node runs CRS ${nodeCrsVersion}. Install that CRS on the node, or point the panel's WAF_CRS_INCLUDE at the rule set the nodes run and deploy again.`,
          {
            slug: 'crs-version-mismatch',
            extensions: { deploymentCrsVersion: answer.deploymentCrsVersion, nodeCrsVersion },
          },
        ),
      );
    }
    return answer as { status: 200 | 304; etag: string; body?: object };
  }

  /** What the node made of the deployment it pulled: applied, or failed with the engine's words. */
  async report(body: Json): Promise<void> {
    const check = new Checker();
    const { checksum, status, error, engineVersion, crsVersion } = check.fields(NodeReportBody, body)!;
    check.done();
    const updated = await this.db.unit((tx) =>
      tx.run(
        sql`UPDATE waf.node_status SET applied_checksum = ${checksum}, apply_status = ${status}, apply_error = ${status === 'failed' ? (error ?? '') : null},
          applied_at = ${tx.now.toISOString()}, engine_version = ${engineVersion}, crs_version = ${crsVersion}
          WHERE ${tx.tenant()} AND node_id = ${tx.actor}`,
      ),
    );
    if (updated === 0)
      throw new ProblemException(problem(409, 'This node has not pulled a deployment yet; pull before reporting.', { slug: 'node-not-pulled' }));
    this.metrics.nodeApplies.inc({ status });
  }

  async nodes() {
    return this.db.read(async (tx) => {
      const deployment = await currentDeployment(tx);
      const rows = await tx.rows<Record<string, unknown>>(sql`SELECT * FROM waf.node_status WHERE ${tx.tenant()} ORDER BY node_id`);
      return {
        items: rows.map((row) => ({
          nodeId: String(row.node_id),
          lastPullAt: iso(row.last_pull_at),
          lastPullResult: Number(row.last_pull_result),
          lastServedChecksum: (row.last_served_checksum as string | null) ?? null,
          userAgent: (row.user_agent as string | null) ?? null,
          current: deployment !== undefined && row.last_served_checksum === deployment.checksum && [200, 304].includes(Number(row.last_pull_result)),
          applyStatus: (row.apply_status as 'applied' | 'failed' | null) ?? null,
          applyChecksum: (row.applied_checksum as string | null) ?? null,
          applyError: (row.apply_error as string | null) ?? null,
          appliedAt: isoOrNull(row.applied_at),
          engineVersion: (row.engine_version as string | null) ?? null,
          crsVersion: (row.crs_version as string | null) ?? null,
        })),
        nextCursor: null,
      };
    });
  }
}

async function currentDeployment(tx: WafTx): Promise<Deployment | undefined> {
  const row = await tx.one<Record<string, unknown>>(
    sql`SELECT d.* FROM waf.deployment_state s JOIN waf.deployments d ON d.tenant_id = s.tenant_id AND d.id = s.current_deployment_id WHERE ${tx.tenant('s')}`,
  );
  return row && deploymentFromRow(row);
}

async function deploymentFiles(tx: WafTx, deploymentId: string, content: boolean) {
  const rows = await tx.rows<Record<string, unknown>>(
    sql`SELECT * FROM waf.deployment_files WHERE ${tx.tenant()} AND deployment_id = ${deploymentId} ORDER BY path`,
  );
  return rows.map((row) => ({
    path: String(row.path),
    vhostId: String(row.vhost_id),
    domain: String(row.domain),
    policyId: String(row.policy_id),
    policyRevision: Number(row.policy_revision),
    vhostVersion: Number(row.vhost_version),
    sha256: String(row.sha256),
    ...(content ? { content: String(row.content) } : {}),
  }));
}

/** The vhost an engine's error names by its file path, when it does. */
function domainIn(output: string, files: readonly SnapshotFile[]): string {
  return files.find((file) => output.includes(file.path))?.domain ?? '*';
}
