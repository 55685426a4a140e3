import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { iso, sql, Store } from '@lib/persistence';
import { CrossTenantRunner } from '@lib/platform';
import { PortalDb } from '../common/portal-db';
import { PORTAL_CONFIG } from '../common/tokens';
import type { PortalConfig } from '../portal-config';

const SYSTEM_ACTOR = 'system:access-expiry';

/**
 * Marks approved grants past `expires_at` as expired, one tenant-scoped
 * transaction per tenant, one `access_request.expire` event per row. Reads already report the
 * effective status, so the sweeper only makes it durable and audited; re-running changes nothing.
 */
@Injectable()
export class AccessExpirySweeper implements OnApplicationShutdown {
  private readonly logger = new Logger('AccessExpiry');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: PortalDb,
    private readonly store: Store,
    private readonly crossTenant: CrossTenantRunner,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  /** Sweeps once now, then every ACCESS_EXPIRY_SWEEP_SECONDS (0: never again). */
  async start(): Promise<void> {
    if (this.config.accessExpirySweepSeconds === 0) return;
    await this.sweep();
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.error(error instanceof Error ? error : String(error)));
    }, this.config.accessExpirySweepSeconds * 1000);
    this.timer.unref();
  }

  /** The number of grants expired; overlapping calls share one sweep. */
  sweep(): Promise<number> {
    this.running ??= this.sweepAll().finally(() => (this.running = undefined));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async sweepAll(): Promise<number> {
    // `tenants` is the one table without RLS: ids only, so listing needs no bypass.
    const tenants = await this.store.rows<{ tenant_id: string }>(sql`SELECT tenant_id FROM portal.tenants ORDER BY tenant_id`);
    const outcomes = await this.crossTenant.each(
      { actor: SYSTEM_ACTOR, reason: 'expire access grants past expires_at', tenantIds: tenants.map((row) => row.tenant_id) },
      () => this.sweepTenant(),
    );
    const expired = outcomes.reduce((sum, outcome) => sum + (outcome.ok ? outcome.value : 0), 0);
    if (expired > 0) this.logger.log(`${expired} access grant(s) expired`);
    return expired;
  }

  private sweepTenant(): Promise<number> {
    return this.db.unit(async (tx) => {
      const now = tx.now.toISOString();
      const due = await tx.rows<Record<string, unknown>>(
        sql`SELECT a.id, a.expires_at, a.data_product_id, d.domain, d.classification FROM portal.access_requests a
              JOIN portal.data_products d ON d.tenant_id = a.tenant_id AND d.id = a.data_product_id
            WHERE ${tx.tenant('a')} AND a.status = 'approved' AND a.expires_at <= ${now} ORDER BY a.id${tx.pg ? sql` FOR UPDATE OF a` : sql``}`,
      );
      if (due.length === 0) return 0;
      await tx.run(
        sql`UPDATE portal.access_requests SET status = 'expired' WHERE ${tx.tenant()} AND status = 'approved' AND id IN ${sql.list(due.map((row) => row.id))}`,
      );
      for (const row of due) {
        await tx.audit({
          action: 'access_request.expire',
          actor: { sub: SYSTEM_ACTOR, oid: null, tid: tx.tenantId, roles: [], domain: null, email: null },
          resource: {
            type: 'access_request',
            id: String(row.id),
            domain: String(row.domain),
            classification: String(row.classification),
            product_id: String(row.data_product_id),
          },
          before: { status: 'approved' },
          after: { status: 'expired', expires_at: iso(row.expires_at) },
        });
      }
      return due.length;
    });
  }
}
