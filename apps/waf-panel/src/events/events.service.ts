import { Inject, Injectable } from '@nestjs/common';
import { Checker, type Json } from '@lib/platform';
import type { Caller } from '../common/caller';
import { etagOf } from '../common/etag';
import { checkPage, pageResult } from '../common/list-query';
import { conflict, forbidden, found, unprocessable } from '../common/problems';
import { WafDb, type WafTx } from '../common/waf-db';
import { WafMetrics } from '../common/waf-metrics';
import { readAggregate, readPolicy } from '../policies/policy-store';
import { RenderError } from '../render/bundle-renderer';
import { BundleService } from '../render/bundle.service';
import { readVhost } from '../vhosts/vhost-store';
import { WAF_CONFIG, type WafConfig } from '../waf-config';
import { type EventFilters, eventsById, insertEvents, pruneEvents, searchEvents, summarizeEvents } from './event-store';
import { eventRecord } from './event-record';
import { ProposalBody, SecurityEventBatchBody, SecurityEventQuery } from './event.dto';
import { proposeExclusions } from './exclusion-proposal';

const DAY_MS = 86_400_000;

@Injectable()
export class EventsService {
  constructor(
    private readonly db: WafDb,
    private readonly bundles: BundleService,
    private readonly metrics: WafMetrics,
    @Inject(WAF_CONFIG) private readonly config: WafConfig,
  ) {}

  private notBefore(tx: WafTx): string {
    return new Date(tx.now.getTime() - this.config.eventRetentionDays * DAY_MS).toISOString();
  }

  /** A node's batch: masked, attributed to the tenant's vhosts, stored once per transaction; expired events go. */
  async ingest(body: Json): Promise<{ stored: number; duplicates: number }> {
    const check = new Checker();
    const { events } = check.fields(SecurityEventBatchBody, body)!;
    check.done();
    const records = events.map(eventRecord);
    const stored = await this.db.unit(async (tx) => {
      const fresh = await insertEvents(tx, tx.actor, records);
      await pruneEvents(tx, this.notBefore(tx));
      return fresh;
    });
    for (const record of stored) this.metrics.securityEvents.inc({ action: record.action });
    return { stored: stored.length, duplicates: records.length - stored.length };
  }

  private filters(query: Json, check: Checker): Omit<EventFilters, 'notBefore'> {
    const { ruleId, ...rest } = check.fields(SecurityEventQuery, query)!;
    return { ...rest, vhostId: rest.vhostId?.toLowerCase(), ruleId: ruleId === undefined ? undefined : Number(ruleId) };
  }

  async search(query: Json) {
    const check = new Checker('query');
    const page = checkPage(check, query, 2);
    const filters = this.filters(query, check);
    check.done();
    return this.db.read(async (tx) => {
      const events = await searchEvents(tx, { ...filters, notBefore: this.notBefore(tx) }, page.limit + 1, page.after);
      return pageResult(events, page.limit, (event) => [event.occurredAt, event.id]);
    });
  }

  async get(id: string) {
    return this.db.read(async (tx) => found((await eventsById(tx, [id], this.notBefore(tx)))[0], 'Security event'));
  }

  async summary(query: Json) {
    const check = new Checker('query');
    const filters = this.filters(query, check);
    check.done();
    return this.db.read((tx) => summarizeEvents(tx, { ...filters, notBefore: this.notBefore(tx) }));
  }

  /** The narrowest exclusions that would have let the events through, with the bundle they would render. */
  async propose(caller: Caller, body: Json) {
    const check = new Checker();
    const { eventIds, force = false } = check.fields(ProposalBody, body)!;
    check.done();
    if (force && !caller.admin) throw forbidden('Only an Admin may force a protected target.');
    const ids = [...new Set(eventIds.map((id) => id.toLowerCase()))];
    return this.db.unit(async (tx) => {
      const events = await eventsById(tx, ids, this.notBefore(tx));
      const missing = ids.filter((id) => !events.some((event) => event.id === id));
      if (missing.length > 0)
        throw unprocessable('validation', 'Request validation failed.', [{ in: 'body', path: 'eventIds', message: `unknown events: ${missing.join(', ')}` }]);
      const vhostIds = [...new Set(events.map((event) => event.vhostId))];
      if (vhostIds.includes(null)) throw conflict('event-without-vhost', 'An event is for a host no vhost of this tenant serves; it cannot be tuned here.');
      if (vhostIds.length > 1)
        throw unprocessable('validation', 'Request validation failed.', [{ in: 'body', path: 'eventIds', message: 'must all be events of one vhost' }]);
      const vhost = found(await readVhost(tx, vhostIds[0]!), 'The events’ vhost');
      if (vhost.policyId === null) throw conflict('vhost-without-policy', 'The vhost has no policy to add exclusions to.');
      const aggregate = await readAggregate(tx, (await readPolicy(tx, vhost.policyId))!);
      const { exclusions, skipped } = proposeExclusions({
        events,
        vhost,
        existing: aggregate.exclusions,
        force,
        catalogue: this.config.catalogue,
      });
      const added = exclusions.filter((exclusion) => !exclusion.exists).map((exclusion, index) => ({ ...exclusion.content, id: `proposed-${index}` }));
      let preview;
      try {
        preview = {
          domain: vhost.domain,
          before: this.bundles.render(tx.tenantId, vhost, aggregate).content,
          after: this.bundles.render(tx.tenantId, vhost, { ...aggregate, exclusions: [...aggregate.exclusions, ...added] as typeof aggregate.exclusions })
            .content,
        };
      } catch (error) {
        if (!(error instanceof RenderError)) throw error;
        throw unprocessable('render-failed', 'The vhost’s bundle cannot be rendered with the proposal.', undefined, { violations: error.violations });
      }
      return {
        vhostId: vhost.id,
        domain: vhost.domain,
        policyId: aggregate.policy.id,
        policyName: aggregate.policy.name,
        policyEtag: etagOf(aggregate.policy.id, aggregate.policy.version),
        exclusions: exclusions.map(({ content: _content, ...exclusion }) => exclusion),
        skipped,
        preview,
      };
    });
  }
}
