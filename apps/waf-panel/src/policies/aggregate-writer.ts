import { randomUUID } from 'node:crypto';
import { sql } from '@lib/persistence';
import type { WafTx } from '../common/waf-db';
import type { CustomRuleContent, ExclusionContent, OverrideContent } from './rule-content';
import type { PolicySettings } from './policy-settings';
import {
  type AnyChildKind,
  type ChildKind,
  CUSTOM_RULES,
  EXCLUSIONS,
  OVERRIDES,
  type PolicyAggregate,
  settingsColumns,
  type Stamped,
  updateStamp,
} from './policy-store';

/** A policy's whole content: what rollback restores and import replaces. Children without an id get a new one. */
export interface AggregateContent {
  readonly settings: PolicySettings;
  readonly overrides: ReadonlyArray<OverrideContent & { id?: string }>;
  readonly exclusions: ReadonlyArray<ExclusionContent & { id?: string }>;
  readonly customRules: ReadonlyArray<CustomRuleContent & { id?: string }>;
}

/**
 * Makes the stored aggregate equal `content` at `version`: settings replaced, children absent
 * from it deleted first (so unique keys never collide), the rest updated in place or inserted,
 * each at the new version so no earlier ETag can match again.
 */
export async function replaceAggregate(tx: WafTx, current: PolicyAggregate, content: AggregateContent, version: number): Promise<void> {
  const stamp = updateStamp(tx, version);
  await tx.run(
    sql`UPDATE waf.policies SET ${sql.assignments({ ...settingsColumns(content.settings), ...stamp })} WHERE ${tx.tenant()} AND id = ${current.policy.id}`,
  );
  const sections: [AnyChildKind, readonly Stamped[], ReadonlyArray<{ id?: string }>][] = [
    [OVERRIDES, current.overrides, content.overrides],
    [EXCLUSIONS, current.exclusions, content.exclusions],
    [CUSTOM_RULES, current.customRules, content.customRules],
  ];
  for (const [kind, stored, wanted] of sections) {
    const keep = new Set(wanted.map((child) => child.id).filter(Boolean));
    const gone = stored.filter((child) => !keep.has(child.id)).map((child) => child.id);
    if (gone.length > 0) await tx.run(sql`DELETE FROM ${sql.raw(kind.table)} WHERE ${tx.tenant()} AND id IN ${sql.list(gone)}`);
  }
  for (const [kind, stored, wanted] of sections) {
    const typed = kind as ChildKind<object, Stamped>;
    for (const child of wanted) {
      const { id, ...fields } = child;
      const columns = typed.columns(fields);
      if (id && stored.some((existing) => existing.id === id)) {
        await tx.run(sql`UPDATE ${sql.raw(kind.table)} SET ${sql.assignments({ ...columns, ...stamp })} WHERE ${tx.tenant()} AND id = ${id}`);
      } else {
        const now = tx.now.toISOString();
        await tx.run(
          sql.insert(kind.table, {
            tenant_id: tx.tenantId,
            id: id ?? randomUUID(),
            policy_id: current.policy.id,
            ...columns,
            version,
            created_at: now,
            created_by: tx.actor,
            updated_at: now,
            updated_by: tx.actor,
          }),
        );
      }
    }
  }
}
