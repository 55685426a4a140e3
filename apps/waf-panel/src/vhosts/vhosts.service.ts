import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { containsPattern, sql } from '@lib/persistence';
import { Checker, type Json } from '@lib/platform';
import { ifMatchHolds, preconditionFailed, requireIfMatch } from '../common/etag';
import { checkFlag, checkPage, pageResult } from '../common/list-query';
import { conflict, found } from '../common/problems';
import { WafDb, type WafTx } from '../common/waf-db';
import { creationStamp, readPolicy, updateStamp } from '../policies/policy-store';
import { checkVhost, VHOST_FIELDS, type VhostInput } from './vhost.validation';
import { VhostListQuery } from './vhost.dto';
import { readVhost, vhostColumns, vhostFromRow, type VhostRecord, vhostInput } from './vhost-store';

const VHOST = 'Vhost';

@Injectable()
export class VhostsService {
  constructor(private readonly db: WafDb) {}

  async list(query: Json) {
    const check = new Checker('query');
    const page = checkPage(check, query, 2);
    const enabled = checkFlag(check, query.enabled, 'enabled');
    const { policyId, domain } = check.fields(VhostListQuery, query)!;
    check.done();
    return this.db.read(async (tx) => {
      const conditions = [sql`${tx.tenant()}`];
      if (domain !== undefined) conditions.push(sql`domain LIKE ${containsPattern(domain.toLowerCase())} ESCAPE '\\'`);
      if (policyId !== undefined) conditions.push(sql`policy_id = ${policyId.toLowerCase()}`);
      if (enabled !== undefined) conditions.push(sql`enabled = ${enabled}`);
      if (page.after) conditions.push(sql`(domain > ${page.after[0]} OR (domain = ${page.after[0]} AND id > ${page.after[1]}))`);
      const rows = await tx.rows<Record<string, unknown>>(
        sql`SELECT * FROM waf.vhosts WHERE ${sql.and(conditions)} ORDER BY domain ASC, id ASC LIMIT ${page.limit + 1}`,
      );
      return pageResult(rows.map(vhostFromRow), page.limit, (vhost) => [vhost.domain, vhost.id]);
    });
  }

  async get(id: string): Promise<VhostRecord> {
    return this.db.read(async (tx) => found(await readVhost(tx, id), VHOST));
  }

  async create(body: Json): Promise<VhostRecord> {
    const check = new Checker();
    const input = checkVhost(check, body);
    check.done();
    return this.db.unit(async (tx) => {
      await this.checkReferences(tx, input!, null);
      const id = randomUUID();
      await tx.later(sql.insert('waf.vhosts', { ...creationStamp(tx, id), ...vhostColumns(input!) }));
      const created = (await readVhost(tx, id))!;
      await tx.audit({ action: 'vhost.create', entity: { type: 'vhost', id, label: created.domain }, after: created });
      return created;
    });
  }

  async update(id: string, body: Json, ifMatch: string | undefined): Promise<VhostRecord> {
    const tag = requireIfMatch(ifMatch);
    const check = new Checker();
    check.object(body, '', VHOST_FIELDS);
    check.done();
    return this.db.unit(async (tx) => {
      const stored = found(await readVhost(tx, id, true), VHOST);
      const input = checkVhost(check, { ...vhostInput(stored), ...body });
      check.done();
      if (!ifMatchHolds(tag, id, stored.version)) throw preconditionFailed(id, stored.version, stored);
      await this.checkReferences(tx, input!, id);
      const affected = await tx.run(
        sql`UPDATE waf.vhosts SET ${sql.assignments({ ...vhostColumns(input!), ...updateStamp(tx, stored.version + 1) })} WHERE ${tx.tenant()} AND id = ${id} AND version = ${stored.version}`,
      );
      if (affected !== 1) throw preconditionFailed(id, stored.version, stored);
      const updated = (await readVhost(tx, id))!;
      await tx.audit({ action: 'vhost.update', entity: { type: 'vhost', id, label: updated.domain }, before: stored, after: updated });
      return updated;
    });
  }

  async remove(id: string, ifMatch: string | undefined): Promise<void> {
    const tag = requireIfMatch(ifMatch);
    await this.db.unit(async (tx) => {
      const stored = found(await readVhost(tx, id, true), VHOST);
      if (!ifMatchHolds(tag, id, stored.version)) throw preconditionFailed(id, stored.version, stored);
      const references = await tx.rows<{ id: string; policy_id: string }>(
        sql`SELECT id, policy_id FROM waf.rule_exclusions WHERE ${tx.tenant()} AND vhost_id = ${id} ORDER BY id`,
      );
      if (references.length > 0) {
        throw conflict('vhost-referenced', 'Exclusions are scoped to this vhost; delete or re-scope them first.', {
          exclusionIds: references.map((row) => row.id),
          policyIds: [...new Set(references.map((row) => row.policy_id))].sort(),
        });
      }
      await tx.run(sql`DELETE FROM waf.vhosts WHERE ${tx.tenant()} AND id = ${id} AND version = ${stored.version}`);
      await tx.audit({ action: 'vhost.delete', entity: { type: 'vhost', id, label: stored.domain }, before: stored, after: null });
    });
  }

  /** The policy must be the tenant's (422), the domain free (409). */
  private async checkReferences(tx: WafTx, input: VhostInput, selfId: string | null): Promise<void> {
    if (input.policyId !== null && !(await readPolicy(tx, input.policyId))) {
      const check = new Checker();
      check.fail('policyId', 'is not a policy of this tenant');
      check.done();
    }
    const taken = await tx.one(sql`SELECT id FROM waf.vhosts WHERE ${tx.tenant()} AND domain = ${input.domain}${selfId ? sql` AND id <> ${selfId}` : sql``}`);
    if (taken) throw conflict('domain-taken', 'Another vhost of this tenant already has this domain.');
  }
}
