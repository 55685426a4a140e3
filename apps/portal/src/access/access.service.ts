import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Sql, sql, StoreConflictError } from '@lib/persistence';
import { DAY_MS } from '../common/clock';
import type { Caller } from '../common/caller';
import { type Page, pageOf } from '../common/list';
import { AuditedRefusal, PortalDb, type PortalTx } from '../common/portal-db';
import { conflict, forbidden, invalidField, invalidState, notFound } from '../common/problems';
import { type AccessRequest, accessRequestFromRow, type CreateAccessRequestDto } from './access.dto';

/** Longest grant per product classification, in days. */
const CAPS: Readonly<Record<string, number>> = { public: 365, internal: 365, confidential: 90, restricted: 30, cui: 30, fouo: 30 };
const ELEVATED = ['restricted', 'cui', 'fouo'];

export interface AccessListFilter {
  status?: string;
  productId?: string;
  view?: 'mine' | 'review';
  limit: number;
  offset: number;
}

type Decision = 'approve' | 'deny';

interface Loaded {
  request: AccessRequest;
  requesterSub: string | null;
  productDomain: string;
  classification: string;
}

/** The request's status as every read and check sees it: an approved grant past expiry is expired. */
const effectiveStatus = (now: Date) => sql`CASE WHEN a.status = 'approved' AND a.expires_at <= ${now.toISOString()} THEN 'expired' ELSE a.status END`;
const REQUESTS = sql`portal.access_requests a JOIN portal.data_products d ON d.tenant_id = a.tenant_id AND d.id = a.data_product_id`;

function capError(days: number, classification: string) {
  const cap = CAPS[classification];
  const message = `duration_days=${days} exceeds the ${cap}-day cap for '${classification}' classification.`;
  return days > cap ? invalidField('duration_days', message, message) : undefined;
}

/** The one access workflow; the marketplace aliases call it too. */
@Injectable()
export class AccessService {
  constructor(private readonly db: PortalDb) {}

  list(caller: Caller, filter: AccessListFilter): Promise<Page<AccessRequest>> {
    if (filter.view === 'review' && !caller.writer) throw forbidden('One of the following roles is required: Contributor, Admin');
    return this.db.read((tx) => {
      const status = effectiveStatus(tx.now);
      const conditions: Sql[] = [sql`${tx.tenant('a')}`, this.visibleTo(caller, filter.view)];
      if (filter.status !== undefined) conditions.push(sql`${status} = ${filter.status}`);
      if (filter.productId !== undefined) conditions.push(sql`a.data_product_id = ${filter.productId}`);
      return pageOf(
        tx,
        {
          select: sql`a.*, ${status} AS effective_status`,
          from: REQUESTS,
          where: sql.and(conditions),
          orderBy: sql`a.requested_at DESC, a.id ASC`,
          limit: filter.limit,
          offset: filter.offset,
        },
        accessRequestFromRow,
      );
    });
  }

  get(caller: Caller, id: string): Promise<AccessRequest> {
    return this.db.read(async (tx) => {
      const loaded = await this.load(tx, id);
      if (!caller.admin && !this.owns(caller, loaded) && !this.reviews(caller, loaded)) throw forbidden('You can only view your own access requests.');
      return loaded.request;
    });
  }

  async create(caller: Caller, input: CreateAccessRequestDto): Promise<AccessRequest> {
    const days = input.duration_days ?? 90;
    try {
      return await this.db.unit(async (tx) => {
        const product = await tx.one<{ domain: string; classification: string }>(
          sql`SELECT domain, classification FROM portal.data_products WHERE ${tx.tenant()} AND id = ${input.data_product_id}`,
        );
        if (!product) throw notFound(`Data product '${input.data_product_id}' not found.`);
        const overCap = capError(days, product.classification);
        if (overCap) throw overCap;
        const pending = await tx.one(
          sql`SELECT id FROM portal.access_requests WHERE ${tx.tenant()} AND data_product_id = ${input.data_product_id} AND requester_email = ${caller.identity} AND status = 'pending'`,
        );
        if (pending) throw this.duplicate(input.data_product_id);
        const id = randomUUID();
        const elevated = ELEVATED.includes(product.classification);
        const note = elevated ? `${product.classification.toUpperCase()} data product — requires manager approval` : null;
        await tx.run(sql`INSERT INTO portal.access_requests (tenant_id, id, requester_email, requester_sub, data_product_id, justification, access_level, duration_days, status, requested_at, review_notes, elevated_review_note)
          VALUES (${tx.tenantId}, ${id}, ${caller.identity}, ${caller.sub}, ${input.data_product_id}, ${input.justification}, ${input.access_level ?? 'read'}, ${days}, 'pending', ${tx.now.toISOString()}, ${note}, ${note})`);
        const loaded = await this.load(tx, id);
        await tx.audit({
          action: 'access_request.create',
          resource: this.resource(loaded),
          after: { status: 'pending', duration_days: days, elevated },
        });
        return loaded.request;
      });
    } catch (error) {
      // Two concurrent creates: the partial unique index lets one through.
      if (error instanceof StoreConflictError) throw this.duplicate(input.data_product_id);
      throw error;
    }
  }

  review(caller: Caller, id: string, decision: Decision, notes: string | null): Promise<AccessRequest> {
    const action = decision === 'approve' ? 'access_request.approve' : 'access_request.deny';
    const wrongState = (status: string) =>
      invalidState(`Request is '${status}', only pending requests can be ${decision === 'approve' ? 'approved' : 'denied'}.`);
    return this.db.unit(async (tx) => {
      const loaded = await this.load(tx, id, true);
      if (loaded.request.status !== 'pending') throw wrongState(loaded.request.status);
      if (this.owns(caller, loaded)) {
        throw new AuditedRefusal(forbidden('Requesters may not approve or deny their own access requests (segregation of duties).'), {
          action,
          resource: this.resource(loaded),
          outcome: 'denied',
          reason: 'self_review_forbidden',
        });
      }
      if (!this.reviews(caller, loaded)) {
        throw new AuditedRefusal(forbidden('You may only review access requests for data products in your own domain.'), {
          action,
          resource: this.resource(loaded),
          outcome: 'denied',
          reason: 'cross_domain_review_forbidden',
        });
      }
      if (decision === 'approve') {
        const overCap = capError(loaded.request.duration_days, loaded.classification);
        if (overCap) throw overCap;
      }
      const reviewedAt = tx.now.toISOString();
      const expiresAt = decision === 'approve' ? new Date(tx.now.getTime() + loaded.request.duration_days * DAY_MS).toISOString() : null;
      const status = decision === 'approve' ? 'approved' : 'denied';
      const changed =
        await tx.run(sql`UPDATE portal.access_requests SET status = ${status}, reviewed_at = ${reviewedAt}, reviewed_by = ${caller.identity}, review_notes = ${notes}, expires_at = ${expiresAt}
        WHERE ${tx.tenant()} AND id = ${id} AND status = 'pending'`);
      if (changed === 0) throw wrongState((await this.load(tx, id)).request.status);
      await tx.audit({
        action,
        resource: this.resource(loaded),
        before: { status: 'pending' },
        after: { status, reviewer: caller.identity, expires_at: expiresAt },
        reason: decision === 'deny' ? notes : null,
      });
      return (await this.load(tx, id)).request;
    });
  }

  revoke(caller: Caller, id: string, notes: string | null): Promise<AccessRequest> {
    return this.db.unit(async (tx) => {
      const loaded = await this.load(tx, id, true);
      const wrongState = (status: string) => invalidState(`Request is '${status}', only approved requests can be revoked.`);
      if (loaded.request.status !== 'approved') throw wrongState(loaded.request.status);
      if (!this.reviews(caller, loaded) && !this.owns(caller, loaded)) {
        throw new AuditedRefusal(forbidden('You are not allowed to revoke this access request.'), {
          action: 'access_request.revoke',
          resource: this.resource(loaded),
          outcome: 'denied',
          reason: 'revoke_forbidden',
        });
      }
      const now = tx.now.toISOString();
      const changed =
        await tx.run(sql`UPDATE portal.access_requests SET status = 'revoked', revoked_at = ${now}, revoked_by = ${caller.identity}, revoke_reason = ${notes}
        WHERE ${tx.tenant()} AND id = ${id} AND status = 'approved' AND expires_at > ${now}`);
      if (changed === 0) throw wrongState((await this.load(tx, id)).request.status);
      await tx.audit({
        action: 'access_request.revoke',
        resource: this.resource(loaded),
        before: { status: 'approved' },
        after: { status: 'revoked', revoked_by: caller.identity },
        reason: notes,
      });
      return (await this.load(tx, id)).request;
    });
  }

  private duplicate(productId: string) {
    return conflict(`A pending access request for '${productId}' already exists.`);
  }

  /** With no view, an admin sees the tenant and anyone else their own requests. */
  private visibleTo(caller: Caller, view: AccessListFilter['view']): Sql {
    const own = sql`(a.requester_email IN ${sql.list(caller.identifiers)} OR a.requester_sub = ${caller.sub})`;
    if (view === 'mine') return own;
    if (view === 'review') {
      if (caller.admin) return sql`1 = 1`;
      return caller.domain === null ? sql`1 = 0` : sql`d.domain = ${caller.domain}`;
    }
    return caller.admin ? sql`1 = 1` : own;
  }

  private owns(caller: Caller, loaded: Loaded): boolean {
    return caller.identifiers.includes(loaded.request.requester_email) || loaded.requesterSub === caller.sub;
  }

  /** Admin, or a Contributor whose domain is the product's. */
  private reviews(caller: Caller, loaded: Loaded): boolean {
    return caller.admin || (caller.writer && caller.domain !== null && caller.domain === loaded.productDomain);
  }

  private resource(loaded: Loaded) {
    return {
      type: 'access_request',
      id: loaded.request.id,
      domain: loaded.productDomain,
      classification: loaded.classification,
      product_id: loaded.request.data_product_id,
    };
  }

  private async load(tx: PortalTx, id: string, lock = false): Promise<Loaded> {
    const row = await tx.one<Record<string, unknown>>(
      sql`SELECT a.*, ${effectiveStatus(tx.now)} AS effective_status, d.domain AS product_domain, d.classification AS product_classification
          FROM ${REQUESTS} WHERE ${tx.tenant('a')} AND a.id = ${id}${lock && tx.pg ? sql` FOR UPDATE OF a` : sql``}`,
    );
    if (!row) throw notFound(`Request '${id}' not found.`);
    return {
      request: accessRequestFromRow(row),
      requesterSub: (row.requester_sub as string | null) ?? null,
      productDomain: String(row.product_domain),
      classification: String(row.product_classification),
    };
  }
}
