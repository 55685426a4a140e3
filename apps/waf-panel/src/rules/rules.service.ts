import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@lib/persistence';
import type { Caller } from '../common/caller';
import { Checker, type Json } from '@lib/platform';
import { etagOf, ifMatchHolds, preconditionFailed, requireIfMatch } from '../common/etag';
import { conflict, forbidden, found, unprocessable } from '../common/problems';
import { WafDb, type WafTx } from '../common/waf-db';
import { POLICY } from '../policies/policies.service';
import {
  type AnyChildKind,
  type ChildKind,
  commitRevision,
  creationStamp,
  CUSTOM_RULES,
  EXCLUSIONS,
  OVERRIDES,
  type PolicyRecord,
  readChildren,
  readPolicy,
  type Stamped,
  updateStamp,
} from '../policies/policy-store';
import { WAF_CONFIG, type WafConfig } from '../waf-config';
import type { CustomRuleContent, ExclusionContent, OverrideContent, Target } from '../policies/rule-content';
import { targetKey } from '../policies/rule-content';
import { checkCustomRule, checkExclusion, checkOverride, isProtectedTarget } from './rule-validation';
import { type RuleCatalogue } from '@lib/waf';

type Content = OverrideContent | ExclusionContent | CustomRuleContent;

/** Per kind: how a body is checked, its limit per policy and its duplicate problem. */
interface KindRules {
  readonly limit: number;
  readonly duplicateSlug: string;
  readonly duplicateDetail: string;
  readonly check: (check: Checker, candidate: Json, catalogue?: RuleCatalogue) => Omit<Content, 'forced'> | undefined;
  /** Stored content as a PATCH base. */
  readonly base: (record: Content) => Json;
}

const targetBase = (record: Content) => {
  const { forced: _forced, ...rest } = record as OverrideContent;
  return rest as unknown as Json;
};

const RULES: Readonly<Record<AnyChildKind['segment'], KindRules>> = {
  overrides: {
    limit: 500,
    duplicateSlug: 'duplicate-override',
    duplicateDetail: 'The policy already overrides this target.',
    check: checkOverride,
    base: targetBase,
  },
  exclusions: {
    limit: 1000,
    duplicateSlug: 'duplicate-exclusion',
    duplicateDetail: 'The policy already has this exclusion (same target, variable, vhost and path).',
    check: checkExclusion,
    base: targetBase,
  },
  'custom-rules': {
    limit: 500,
    duplicateSlug: 'duplicate-rule-id',
    duplicateDetail: 'The policy already has a custom rule with this ruleId.',
    check: (check, candidate) => checkCustomRule(check, candidate),
    base: (record) => ({ ...record }) as unknown as Json,
  },
};

export const KINDS: Readonly<Record<AnyChildKind['segment'], AnyChildKind>> = { overrides: OVERRIDES, exclusions: EXCLUSIONS, 'custom-rules': CUSTOM_RULES };

const isTargeted = (content: object): content is Target => 'tag' in content;

/** A child write's answer: the child as shown, its ETag and the policy's new version. */
export interface ChildWrite {
  readonly body: object;
  readonly etag: string;
}

@Injectable()
export class RulesService {
  constructor(
    private readonly db: WafDb,
    @Inject(WAF_CONFIG) private readonly config: WafConfig,
  ) {}

  async list(segment: AnyChildKind['segment'], policyId: string) {
    const kind = KINDS[segment] as ChildKind<Content, Stamped>;
    return this.db.read(async (tx) => {
      found(await readPolicy(tx, policyId), POLICY);
      return { items: (await readChildren(tx, kind, policyId)).map((record) => kind.view(record)), nextCursor: null };
    });
  }

  async get(segment: AnyChildKind['segment'], policyId: string, id: string) {
    const kind = KINDS[segment] as ChildKind<Content, Stamped>;
    return this.db.read(async (tx) => {
      const record = found(await readChild(tx, kind, policyId, id), kind.label);
      return { body: kind.view(record), etag: etagOf(record.id, record.version) };
    });
  }

  async create(caller: Caller, segment: AnyChildKind['segment'], policyId: string, body: Json, ifMatch: string | undefined): Promise<ChildWrite> {
    const kind = KINDS[segment] as ChildKind<Content, Stamped>;
    const rules = RULES[segment];
    assertMayForce(caller, body);
    const content = this.validate(rules, body, body, null);
    return this.db.unit(async (tx) => {
      const policy = found(await readPolicy(tx, policyId, true), POLICY);
      if (ifMatch !== undefined && !ifMatchHolds(ifMatch, policy.id, policy.version)) throw preconditionFailed(policy.id, policy.version, policy);
      await this.checkScope(tx, content);
      const [counted] = await tx.rows<{ n: unknown }>(sql`SELECT count(*) AS n FROM ${sql.raw(kind.table)} WHERE ${tx.tenant()} AND policy_id = ${policyId}`);
      if (Number(counted.n) >= rules.limit)
        throw unprocessable('validation', `A policy holds at most ${rules.limit} ${segment}.`, [
          { in: 'body', path: '', message: `the policy already has ${rules.limit} ${segment}` },
        ]);
      await assertUnique(tx, kind, rules, policyId, content, null);
      const id = randomUUID();
      await tx.run(sql.insert(kind.table, { ...creationStamp(tx, id), policy_id: policyId, ...kind.columns(content) }));
      return this.finish(tx, kind, policy, id, 'create', null);
    });
  }

  async update(caller: Caller, segment: AnyChildKind['segment'], policyId: string, id: string, body: Json, ifMatch: string | undefined): Promise<ChildWrite> {
    const tag = requireIfMatch(ifMatch);
    const kind = KINDS[segment] as ChildKind<Content, Stamped>;
    const rules = RULES[segment];
    assertMayForce(caller, body);
    return this.db.unit(async (tx) => {
      const policy = found(await readPolicy(tx, policyId, true), POLICY);
      const stored = found(await readChild(tx, kind, policyId, id), kind.label);
      const current = kind.content(stored);
      const content = this.validate(rules, body, { ...rules.base(current), ...body }, current);
      if (!ifMatchHolds(tag, id, stored.version)) throw preconditionFailed(id, stored.version, kind.view(stored));
      await this.checkScope(tx, content);
      await assertUnique(tx, kind, rules, policyId, content, id);
      const affected = await tx.run(
        sql`UPDATE ${sql.raw(kind.table)} SET ${sql.assignments({ ...kind.columns(content), ...updateStamp(tx, policy.version + 1) })}
          WHERE ${tx.tenant()} AND id = ${id} AND version = ${stored.version}`,
      );
      if (affected !== 1) throw preconditionFailed(id, stored.version, kind.view(stored));
      return this.finish(tx, kind, policy, id, 'update', stored);
    });
  }

  async remove(segment: AnyChildKind['segment'], policyId: string, id: string, ifMatch: string | undefined): Promise<void> {
    const tag = requireIfMatch(ifMatch);
    const kind = KINDS[segment] as ChildKind<Content, Stamped>;
    await this.db.unit(async (tx) => {
      const policy = found(await readPolicy(tx, policyId, true), POLICY);
      const stored = found(await readChild(tx, kind, policyId, id), kind.label);
      if (!ifMatchHolds(tag, id, stored.version)) throw preconditionFailed(id, stored.version, kind.view(stored));
      await tx.run(sql`DELETE FROM ${sql.raw(kind.table)} WHERE ${tx.tenant()} AND id = ${id} AND version = ${stored.version}`);
      await commitRevision(tx, policyId, `${kind.entity}.delete`, { bump: true });
      await tx.audit({
        action: `${kind.entity}.delete`,
        entity: { type: kind.entity, id, label: policy.name },
        parent: { type: 'policy', id: policyId },
        before: kind.view(stored),
        after: null,
      });
    });
  }

  /**
   * 422 for every bad field, then `protected-rule`. A stored forced
   * target stays forced while it is unchanged.
   */
  private validate(rules: KindRules, body: Json, candidate: Json, current: Content | null): Content {
    const check = new Checker();
    const content = rules.check(check, candidate, this.config.catalogue);
    const unknown = check.errors.map((error) => /^(unknown-rule|unknown-tag):/.exec(error.message)?.[1]).find(Boolean);
    if (unknown) throw unprocessable(unknown, 'The target is not in the deployed CRS catalogue (WAF_CRS_CATALOGUE).', check.errors);
    check.done();
    if (!isTargeted(content!)) return content as Content;
    const keepsForced = current !== null && isTargeted(current) && (current as OverrideContent).forced && targetKey(current) === targetKey(content!);
    const isProtected = isProtectedTarget(content!);
    if (isProtected && body.force !== true && !keepsForced) {
      throw unprocessable(
        'protected-rule',
        'This target is a CRS initialisation, scoring or reporting rule; excluding it disables the CRS. An Admin may send "force": true.',
        [{ in: 'body', path: content!.ruleId !== null ? 'ruleId' : 'tag', message: 'is a protected target' }],
      );
    }
    return { ...content!, forced: isProtected } as Content;
  }

  /** An exclusion's vhost must be the tenant's (422). */
  private async checkScope(tx: WafTx, content: Content): Promise<void> {
    const vhostId = (content as ExclusionContent).vhostId;
    if (!vhostId) return;
    const vhost = await tx.one(sql`SELECT id FROM waf.vhosts WHERE ${tx.tenant()} AND id = ${vhostId}`);
    if (!vhost) throw unprocessable('validation', 'Request validation failed.', [{ in: 'body', path: 'vhostId', message: 'is not a vhost of this tenant' }]);
  }

  /** Revision n and the audit entry in the same transaction; the child carries the new policy version. */
  private async finish(
    tx: WafTx,
    kind: ChildKind<Content, Stamped>,
    policy: PolicyRecord,
    id: string,
    verb: 'create' | 'update',
    before: Stamped | null,
  ): Promise<ChildWrite> {
    const aggregate = await commitRevision(tx, policy.id, `${kind.entity}.${verb}`, { bump: true });
    const record = (await readChild(tx, kind, policy.id, id))!;
    const view = kind.view(record);
    await tx.audit({
      action: `${kind.entity}.${verb}`,
      entity: { type: kind.entity, id, label: policy.name },
      parent: { type: 'policy', id: policy.id },
      before: before && kind.view(before),
      after: view,
      forced: (record as unknown as OverrideContent).forced === true && (before === null || !(before as unknown as OverrideContent).forced),
    });
    return { body: { ...view, policyVersion: aggregate.policy.version }, etag: etagOf(id, record.version) };
  }
}

/** `force` from a non-Admin is refused before anything else is looked at. */
function assertMayForce(caller: Caller, body: Json): void {
  if (body.force === true && !caller.admin) throw forbidden('Only an Admin may force a protected target.');
}

/** 409 when another child of the policy has the same unique key; one indexed lookup. */
async function assertUnique(
  tx: WafTx,
  kind: ChildKind<Content, Stamped>,
  rules: KindRules,
  policyId: string,
  content: Content,
  selfId: string | null,
): Promise<void> {
  const key = kind.columns(content)[kind.uniqueColumn];
  const other = await tx.one(
    sql`SELECT id FROM ${sql.raw(kind.table)} WHERE ${tx.tenant()} AND policy_id = ${policyId} AND ${sql.raw(kind.uniqueColumn)} = ${key}${selfId ? sql` AND id <> ${selfId}` : sql``}`,
  );
  if (other) throw conflict(rules.duplicateSlug, rules.duplicateDetail);
}

async function readChild<C, R extends Stamped>(tx: WafTx, kind: ChildKind<C, R>, policyId: string, id: string): Promise<R | undefined> {
  const row = await tx.one<Record<string, unknown>>(sql`SELECT * FROM ${sql.raw(kind.table)} WHERE ${tx.tenant()} AND policy_id = ${policyId} AND id = ${id}`);
  return row && kind.fromRow(row);
}
