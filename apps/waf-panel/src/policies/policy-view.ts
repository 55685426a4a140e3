import { sql } from '@lib/persistence';
import type { WafTx } from '../common/waf-db';
import { CUSTOM_RULES, EXCLUSIONS, OVERRIDES, type PolicyAggregate } from './policy-store';

/** GET /policies/{id}: the policy with its children, assigned vhosts and warnings. */
export async function policyView(tx: WafTx, aggregate: PolicyAggregate) {
  const { policy } = aggregate;
  const assigned = await tx.rows<{ id: string }>(sql`SELECT id FROM waf.vhosts WHERE ${tx.tenant()} AND policy_id = ${policy.id} ORDER BY domain`);
  const scoped = [...new Set(aggregate.exclusions.map((exclusion) => exclusion.vhostId).filter((id): id is string => id !== null))];
  const scopes =
    scoped.length === 0
      ? []
      : await tx.rows<{ id: string; domain: string; policy_id: string | null }>(
          sql`SELECT id, domain, policy_id FROM waf.vhosts WHERE ${tx.tenant()} AND id IN ${sql.list(scoped)}`,
        );
  const warnings: string[] = [];
  for (const exclusion of aggregate.exclusions) {
    const vhost = scopes.find((scope) => scope.id === exclusion.vhostId);
    if (vhost && vhost.policy_id !== policy.id)
      warnings.push(`exclusion ${exclusion.id} is scoped to ${vhost.domain}, which uses another policy: it has no effect`);
  }
  if (policy.inboundAnomalyThreshold > 5 || policy.outboundAnomalyThreshold > 4) {
    warnings.push('anomaly thresholds above 5 (inbound) or 4 (outbound) let whole attack classes through (CRS v4 guidance)');
  }
  return {
    ...policy,
    overrides: aggregate.overrides.map(OVERRIDES.view),
    exclusions: aggregate.exclusions.map(EXCLUSIONS.view),
    customRules: aggregate.customRules.map(CUSTOM_RULES.view),
    assignedVhostIds: assigned.map((row) => row.id),
    warnings,
  };
}
