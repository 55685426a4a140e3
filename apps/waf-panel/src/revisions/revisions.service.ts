import { Inject, Injectable } from '@nestjs/common';
import { iso, json, sql } from '@lib/persistence';
import { canonicalJson } from '@lib/platform';
import type { Caller } from '../common/caller';
import { Checker, type Json } from '@lib/platform';
import { RollbackBody } from '../policies/policy.dto';
import { ifMatchHolds, preconditionFailed, requireIfMatch } from '../common/etag';
import { conflict, forbidden, found } from '../common/problems';
import { WafDb, type WafTx } from '../common/waf-db';
import { replaceAggregate } from '../policies/aggregate-writer';
import { POLICY } from '../policies/policies.service';
import { checkPolicySettings } from '../policies/policy-settings';
import { WAF_CONFIG, type WafConfig } from '../waf-config';
import { commitRevision, readAggregate, readPolicy, type Snapshot, snapshotOf } from '../policies/policy-store';
import { policyView } from '../policies/policy-view';
import type { CustomRuleContent, ExclusionContent, OverrideContent } from '../policies/rule-content';
import { checkCustomRule, checkExclusion, checkOverride } from '../rules/rule-validation';
import { diffSnapshots } from './snapshot-diff';

const REVISION = 'Revision';

function revisionFromRow(row: Record<string, unknown>, withSnapshot: boolean) {
  return {
    policyId: String(row.policy_id),
    revision: Number(row.revision),
    action: String(row.action),
    rolledBackFrom: row.rolled_back_from === null ? null : Number(row.rolled_back_from),
    snapshotSha256: String(row.snapshot_sha256),
    createdAt: iso(row.created_at),
    createdBy: String(row.created_by),
    ...(withSnapshot ? { snapshot: json<Snapshot>(row.snapshot) } : {}),
  };
}

/** Revision numbers arrive as path or query text: digits only, no conversion of anything else. */
function revisionNumber(check: Checker, value: unknown, path: string): number | undefined {
  if (typeof value !== 'string' || !/^[1-9]\d{0,8}$/.test(value)) return check.fail(path, 'must be a revision number (a positive integer)');
  return Number(value);
}

@Injectable()
export class RevisionsService {
  constructor(
    private readonly db: WafDb,
    @Inject(WAF_CONFIG) private readonly config: WafConfig,
  ) {}

  async list(policyId: string) {
    return this.db.read(async (tx) => {
      found(await readPolicy(tx, policyId), POLICY);
      const rows = await tx.rows<Record<string, unknown>>(
        sql`SELECT policy_id, revision, action, rolled_back_from, snapshot_sha256, created_at, created_by FROM waf.policy_revisions
          WHERE ${tx.tenant()} AND policy_id = ${policyId} ORDER BY revision DESC`,
      );
      return { items: rows.map((row) => revisionFromRow(row, false)), nextCursor: null };
    });
  }

  async get(policyId: string, revision: string) {
    const check = new Checker('path');
    const n = revisionNumber(check, revision, 'revision');
    check.done();
    return this.db.read(async (tx) => {
      found(await readPolicy(tx, policyId), POLICY);
      return revisionFromRow(found(await readRevision(tx, policyId, n!), REVISION), true);
    });
  }

  async diff(policyId: string, query: Json) {
    const check = new Checker('query');
    const from = query.from === undefined ? check.fail('from', 'is required') : revisionNumber(check, query.from, 'from');
    const to = query.to === undefined ? undefined : revisionNumber(check, query.to, 'to');
    check.done();
    return this.db.read(async (tx) => {
      const policy = found(await readPolicy(tx, policyId), POLICY);
      const target = to ?? policy.version;
      const [a, b] = [found(await readRevision(tx, policyId, from!), REVISION), found(await readRevision(tx, policyId, target), REVISION)];
      return { from: from!, to: target, changes: diffSnapshots(json<Snapshot>(a.snapshot), json<Snapshot>(b.snapshot)) };
    });
  }

  async rollback(caller: Caller, policyId: string, body: Json, ifMatch: string | undefined) {
    const tag = requireIfMatch(ifMatch);
    const check = new Checker();
    const { toRevision, comment } = check.fields(RollbackBody, body)!;
    check.done();
    return this.db.unit(async (tx) => {
      const policy = found(await readPolicy(tx, policyId, true), POLICY);
      const revision = found(await readRevision(tx, policyId, toRevision!), REVISION);
      const target = json<Snapshot>(revision.snapshot);
      const forced = [...Object.values(target.overrides), ...Object.values(target.exclusions)].some((child) => child.forced);
      if (forced && !caller.admin) throw forbidden('The revision holds forced targets; only an Admin may restore them.');
      const content = revalidate(target, this.config.crsVersion);
      if (!ifMatchHolds(tag, policyId, policy.version)) throw preconditionFailed(policyId, policy.version, policy);
      const current = await readAggregate(tx, policy);
      const before = snapshotOf(current);
      if (canonicalJson(before) === canonicalJson(target)) throw conflict('no-change', 'The policy already equals this revision.');
      await assertRestorable(tx, policyId, target);
      await replaceAggregate(tx, current, content, policy.version + 1);
      const aggregate = await commitRevision(tx, policyId, 'rollback', { bump: false, rolledBackFrom: toRevision });
      await tx.audit({
        action: 'policy.rollback',
        entity: { type: 'policy', id: policyId, label: aggregate.policy.name },
        before,
        after: snapshotOf(aggregate),
        forced,
        detail: comment ?? `rolled back to revision ${toRevision}`,
      });
      return policyView(tx, aggregate);
    });
  }
}

async function readRevision(tx: WafTx, policyId: string, revision: number) {
  return tx.one<Record<string, unknown>>(sql`SELECT * FROM waf.policy_revisions WHERE ${tx.tenant()} AND policy_id = ${policyId} AND revision = ${revision}`);
}

/** The target checked against today's rules: 422 names `settings.x`, `exclusions.<id>.path`... */
function revalidate(target: Snapshot, crsVersion: string) {
  const check = new Checker();
  const settings = checkPolicySettings(check, target.settings as unknown as Json, crsVersion, 'settings');
  const children = <C extends object>(
    section: string,
    entries: Record<string, C>,
    validate: (check: Checker, body: Json, catalogue: undefined, prefix: string) => object | undefined,
  ) =>
    Object.entries(entries).map(([id, child]) => {
      const { forced, ...fields } = child as C & { forced?: boolean };
      return { id, ...(validate(check, fields as Json, undefined, `${section}.${id}`) as C), ...(forced === undefined ? {} : { forced }) };
    });
  const overrides = children<OverrideContent>('overrides', target.overrides, checkOverride);
  const exclusions = children<ExclusionContent>('exclusions', target.exclusions, checkExclusion);
  const customRules = children<CustomRuleContent>('customRules', target.customRules, (c, body, _catalogue, prefix) => checkCustomRule(c, body, prefix));
  check.done();
  return { settings: settings!, overrides, exclusions, customRules };
}

/** Vanished vhost scopes and a name now taken elsewhere make the target unrestorable (409 `rollback-conflict`). */
async function assertRestorable(tx: WafTx, policyId: string, target: Snapshot): Promise<void> {
  const conflicts: string[] = [];
  const scopes = [
    ...new Set(
      Object.values(target.exclusions)
        .map((exclusion) => exclusion.vhostId)
        .filter((id): id is string => id !== null),
    ),
  ];
  if (scopes.length > 0) {
    const present = new Set(
      (await tx.rows<{ id: string }>(sql`SELECT id FROM waf.vhosts WHERE ${tx.tenant()} AND id IN ${sql.list(scopes)}`)).map((row) => row.id),
    );
    for (const [id, exclusion] of Object.entries(target.exclusions)) {
      if (exclusion.vhostId && !present.has(exclusion.vhostId)) conflicts.push(`exclusion ${id}: vhost ${exclusion.vhostId} no longer exists`);
    }
  }
  const named = await tx.one(sql`SELECT id FROM waf.policies WHERE ${tx.tenant()} AND name_key = ${target.settings.name.toLowerCase()} AND id <> ${policyId}`);
  if (named) conflicts.push(`name: another policy is now called ${target.settings.name}`);
  if (conflicts.length > 0) throw conflict('rollback-conflict', 'The revision cannot be restored as it is.', { conflicts });
}
