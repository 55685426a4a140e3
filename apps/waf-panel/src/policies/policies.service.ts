import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { containsPattern, sql } from '@lib/persistence';
import { Checker, type Json } from '@lib/platform';
import { ifMatchHolds, preconditionFailed, requireIfMatch } from '../common/etag';
import { checkPage, pageResult } from '../common/list-query';
import { PolicyListQuery } from './policy.dto';
import { conflict, found } from '../common/problems';
import { WafDb, type WafTx } from '../common/waf-db';
import { checkPolicySettings, POLICY_DEFAULTS, type PolicySettings, SETTINGS_FIELDS } from './policy-settings';
import { commitRevision, creationStamp, policyFromRow, readAggregate, readPolicy, settingsColumns, settingsOf, updateStamp } from './policy-store';
import { policyView } from './policy-view';
import { WAF_CONFIG, type WafConfig } from '../waf-config';

export const POLICY = 'Policy';

@Injectable()
export class PoliciesService {
  constructor(
    private readonly db: WafDb,
    @Inject(WAF_CONFIG) private readonly config: WafConfig,
  ) {}

  async list(query: Json) {
    const check = new Checker('query');
    const page = checkPage(check, query, 2);
    const { q } = check.fields(PolicyListQuery, query) ?? {};
    check.done();
    return this.db.read(async (tx) => {
      const conditions = [sql`${tx.tenant('p')}`];
      if (q !== undefined) conditions.push(sql`p.name_key LIKE ${containsPattern(q.toLowerCase())} ESCAPE '\\'`);
      if (page.after) conditions.push(sql`(p.name_key > ${page.after[0]} OR (p.name_key = ${page.after[0]} AND p.id > ${page.after[1]}))`);
      const rows = await tx.rows<Record<string, unknown>>(sql`SELECT p.*,
          (SELECT count(*) FROM waf.vhosts v WHERE v.tenant_id = p.tenant_id AND v.policy_id = p.id) AS assigned_vhost_count
        FROM waf.policies p WHERE ${sql.and(conditions)} ORDER BY p.name_key ASC, p.id ASC LIMIT ${page.limit + 1}`);
      const items = rows.map((row) => ({ ...policyFromRow(row), assignedVhostCount: Number(row.assigned_vhost_count) }));
      return pageResult(items, page.limit, (item) => [item.name.toLowerCase(), item.id]);
    });
  }

  async get(id: string) {
    return this.db.read(async (tx) => policyView(tx, await readAggregate(tx, found(await readPolicy(tx, id), POLICY))));
  }

  async create(body: Json) {
    const check = new Checker();
    const settings = checkPolicySettings(check, { ...POLICY_DEFAULTS, ...body }, this.config.crsVersion);
    check.done();
    return this.db.unit(async (tx) => {
      const id = await insertPolicy(tx, settings!, 'create');
      const aggregate = await readAggregate(tx, (await readPolicy(tx, id))!);
      await tx.audit({ action: 'policy.create', entity: { type: 'policy', id, label: settings!.name }, after: aggregate.policy });
      return policyView(tx, aggregate);
    });
  }

  async update(id: string, body: Json, ifMatch: string | undefined) {
    const tag = requireIfMatch(ifMatch);
    const check = new Checker();
    check.object(body, '', SETTINGS_FIELDS);
    check.done();
    return this.db.unit(async (tx) => {
      const stored = found(await readPolicy(tx, id, true), POLICY);
      // PATCH merges: absent unchanged; null is the default of every nullable setting and refused by the others.
      const settings = checkPolicySettings(check, { ...settingsOf(stored), ...body }, this.config.crsVersion);
      check.done();
      if (!ifMatchHolds(tag, id, stored.version)) throw preconditionFailed(id, stored.version, stored);
      await assertNameFree(tx, settings!.name, id);
      const affected = await tx.run(
        sql`UPDATE waf.policies SET ${sql.assignments({ ...settingsColumns(settings!), ...updateStamp(tx, stored.version + 1) })} WHERE ${tx.tenant()} AND id = ${id} AND version = ${stored.version}`,
      );
      if (affected !== 1) throw preconditionFailed(id, stored.version, stored);
      const aggregate = await commitRevision(tx, id, 'update', { bump: false });
      await tx.audit({ action: 'policy.update', entity: { type: 'policy', id, label: settings!.name }, before: stored, after: aggregate.policy });
      return policyView(tx, aggregate);
    });
  }

  async remove(id: string, ifMatch: string | undefined): Promise<void> {
    const tag = requireIfMatch(ifMatch);
    await this.db.unit(async (tx) => {
      const stored = found(await readPolicy(tx, id, true), POLICY);
      if (!ifMatchHolds(tag, id, stored.version)) throw preconditionFailed(id, stored.version, stored);
      const vhosts = await tx.rows<{ id: string }>(sql`SELECT id FROM waf.vhosts WHERE ${tx.tenant()} AND policy_id = ${id} ORDER BY id`);
      if (vhosts.length > 0)
        throw conflict('policy-in-use', 'Vhosts use this policy; assign them another one first.', { vhostIds: vhosts.map((row) => row.id) });
      const aggregate = await readAggregate(tx, stored);
      await tx.run(sql`DELETE FROM waf.policies WHERE ${tx.tenant()} AND id = ${id} AND version = ${stored.version}`);
      await tx.audit({
        action: 'policy.delete',
        entity: { type: 'policy', id, label: stored.name },
        before: { ...stored, overrides: aggregate.overrides, exclusions: aggregate.exclusions, customRules: aggregate.customRules },
        after: null,
      });
    });
  }
}

/** Names are unique per tenant, case-insensitively (409 `name-taken`). */
export async function assertNameFree(tx: WafTx, name: string, selfId: string | null): Promise<void> {
  const taken = await tx.one(
    sql`SELECT id FROM waf.policies WHERE ${tx.tenant()} AND name_key = ${name.toLowerCase()}${selfId ? sql` AND id <> ${selfId}` : sql``}`,
  );
  if (taken) throw conflict('name-taken', 'Another policy of this tenant already has this name (names compare case-insensitively).');
}

/** A new policy at version 1 with revision 1 (create and import). */
export async function insertPolicy(tx: WafTx, settings: PolicySettings, action: 'create' | 'import'): Promise<string> {
  await assertNameFree(tx, settings.name, null);
  const id = randomUUID();
  await tx.run(sql.insert('waf.policies', { ...creationStamp(tx, id), ...settingsColumns(settings) }));
  if (action === 'create') await commitRevision(tx, id, action, { bump: false });
  return id;
}
