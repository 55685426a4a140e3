import { flag, iso, json, numOrNull, type Sql, sql, toJson } from '@lib/persistence';
import { canonicalJson, sha256Hex } from '@lib/platform';
import type { WafTx } from '../common/waf-db';
import { type CustomRuleContent, type ExclusionContent, exclusionDedupeKey, exclusionRendering, type OverrideContent, targetKey } from './rule-content';
import { CRS_LIMITS, type PolicySettings } from './policy-settings';

/** Columns every mutable row carries, in their wire form. */
export interface Stamped {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export type PolicyRecord = Stamped & PolicySettings;
export type OverrideRecord = Stamped & OverrideContent & { readonly policyId: string };
export type ExclusionRecord = Stamped & ExclusionContent & { readonly policyId: string };
export type CustomRuleRecord = Stamped & CustomRuleContent & { readonly policyId: string };

export interface PolicyAggregate {
  readonly policy: PolicyRecord;
  readonly overrides: OverrideRecord[];
  readonly exclusions: ExclusionRecord[];
  readonly customRules: CustomRuleRecord[];
}

/** The revision document: content only, children keyed by id. */
export interface Snapshot {
  readonly settings: PolicySettings;
  readonly overrides: Record<string, OverrideContent>;
  readonly exclusions: Record<string, ExclusionContent>;
  readonly customRules: Record<string, CustomRuleContent>;
}

function stamped(row: Record<string, unknown>): Stamped {
  return {
    id: String(row.id),
    version: Number(row.version),
    createdAt: iso(row.created_at),
    createdBy: String(row.created_by),
    updatedAt: iso(row.updated_at),
    updatedBy: String(row.updated_by),
  };
}

const SETTINGS_COLUMNS: ReadonlyArray<readonly [keyof PolicySettings, string, 'text' | 'int' | 'bool' | 'json']> = [
  ['name', 'name', 'text'],
  ['description', 'description', 'text'],
  ['mode', 'mode', 'text'],
  ['blockingParanoiaLevel', 'blocking_pl', 'int'],
  ['detectionParanoiaLevel', 'detection_pl', 'int'],
  ['inboundAnomalyThreshold', 'inbound_threshold', 'int'],
  ['outboundAnomalyThreshold', 'outbound_threshold', 'int'],
  ['earlyBlocking', 'early_blocking', 'bool'],
  ['enforceUrlencodedBodyProcessor', 'enforce_urlencoded_bodyproc', 'bool'],
  ['skipResponseAnalysis', 'skip_response_analysis', 'bool'],
  ['allowedMethods', 'allowed_methods', 'json'],
  ['allowedRequestContentTypes', 'allowed_content_types', 'json'],
  ['requestBodyLimitBytes', 'request_body_limit', 'int'],
  ...CRS_LIMITS.map((limit) => [limit.field, limit.field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), 'int'] as const),
  ['ipAllow', 'ip_allow', 'json'],
  ['ipDeny', 'ip_deny', 'json'],
];

export function settingsColumns(settings: PolicySettings): Record<string, unknown> {
  const row: Record<string, unknown> = { name_key: settings.name.toLowerCase() };
  for (const [field, column, kind] of SETTINGS_COLUMNS) row[column] = kind === 'json' ? toJson(settings[field]) : settings[field];
  return row;
}

export function policyFromRow(row: Record<string, unknown>): PolicyRecord {
  const settings: Record<string, unknown> = {};
  for (const [field, column, kind] of SETTINGS_COLUMNS) {
    const value = row[column];
    settings[field] = kind === 'bool' ? flag(value) : kind === 'int' ? numOrNull(value) : kind === 'json' ? (value === null ? null : json(value)) : value;
  }
  return { ...stamped(row), ...(settings as unknown as PolicySettings) };
}

export function settingsOf(policy: PolicySettings): PolicySettings {
  return Object.fromEntries(SETTINGS_COLUMNS.map(([field]) => [field, policy[field]])) as unknown as PolicySettings;
}

/** How each kind of child is stored and shown. */
export interface ChildKind<Content, Record extends Stamped> {
  readonly segment: 'overrides' | 'exclusions' | 'custom-rules';
  readonly table: string;
  /** The audit entity type and action prefix. */
  readonly entity: 'override' | 'exclusion' | 'custom_rule';
  readonly label: string;
  /** The column of the policy-scoped unique key: a duplicate is one indexed lookup. */
  readonly uniqueColumn: 'target_key' | 'dedupe_key' | 'rule_id';
  readonly order: Sql;
  columns(content: Content): { [column: string]: unknown };
  fromRow(row: { [column: string]: unknown }): Record;
  content(record: Record): Content;
  /** What the API shows beyond the record (the exclusion's computed `rendering`). */
  view(record: Record): object;
}

const targetColumns = (content: OverrideContent) => ({
  target_kind: content.ruleId !== null ? 'rule' : 'tag',
  rule_id: content.ruleId,
  tag: content.tag,
  target_key: targetKey(content),
  forced: content.forced,
  comment: content.comment,
});

const targetFromRow = (row: Record<string, unknown>): OverrideContent => ({
  ruleId: numOrNull(row.rule_id),
  tag: (row.tag as string | null) ?? null,
  comment: String(row.comment),
  forced: flag(row.forced),
});

export const OVERRIDES: ChildKind<OverrideContent, OverrideRecord> = {
  segment: 'overrides',
  table: 'waf.rule_overrides',
  entity: 'override',
  label: 'Override',
  uniqueColumn: 'target_key',
  order: sql.raw('target_key ASC'),
  columns: targetColumns,
  fromRow: (row) => ({ ...stamped(row), policyId: String(row.policy_id), ...targetFromRow(row) }),
  content: ({ ruleId, tag, comment, forced }) => ({ ruleId, tag, comment, forced }),
  view: (record) => record,
};

export const EXCLUSIONS: ChildKind<ExclusionContent, ExclusionRecord> = {
  segment: 'exclusions',
  table: 'waf.rule_exclusions',
  entity: 'exclusion',
  label: 'Exclusion',
  uniqueColumn: 'dedupe_key',
  // Render order: path, target kind, rule id or tag, collection, key.
  order: sql.raw("COALESCE(path, '') ASC, target_kind ASC, rule_id ASC, tag ASC, COALESCE(var_collection, '') ASC, COALESCE(var_key, '') ASC, id ASC"),
  columns: (content) => ({
    ...targetColumns(content),
    var_collection: content.variable?.collection ?? null,
    var_key: content.variable?.key ?? null,
    vhost_id: content.vhostId,
    path: content.path,
    dedupe_key: exclusionDedupeKey(content),
  }),
  fromRow: (row) => ({
    ...stamped(row),
    policyId: String(row.policy_id),
    ...targetFromRow(row),
    variable: row.var_collection === null ? null : { collection: String(row.var_collection), key: (row.var_key as string | null) ?? null },
    vhostId: (row.vhost_id as string | null) ?? null,
    path: (row.path as string | null) ?? null,
  }),
  content: ({ ruleId, tag, variable, vhostId, path, comment, forced }) => ({ ruleId, tag, variable, vhostId, path, comment, forced }),
  view: (record) => ({ ...record, rendering: exclusionRendering(record) }),
};

export const CUSTOM_RULES: ChildKind<CustomRuleContent, CustomRuleRecord> = {
  segment: 'custom-rules',
  table: 'waf.custom_rules',
  entity: 'custom_rule',
  label: 'Custom rule',
  uniqueColumn: 'rule_id',
  order: sql.raw('rule_id ASC'),
  columns: (content) => ({
    rule_id: content.ruleId,
    enabled: content.enabled,
    phase: content.phase,
    variables: toJson(content.variables),
    operator: content.operator,
    negate: content.negate,
    argument: content.argument,
    transformations: toJson(content.transformations),
    action: content.action,
    status: content.status,
    severity: content.severity,
    message: content.message,
    comment: content.comment,
  }),
  fromRow: (row) => ({
    ...stamped(row),
    policyId: String(row.policy_id),
    ruleId: Number(row.rule_id),
    enabled: flag(row.enabled),
    phase: Number(row.phase),
    variables: json(row.variables),
    operator: String(row.operator),
    negate: flag(row.negate),
    argument: (row.argument as string | null) ?? null,
    transformations: json(row.transformations),
    action: row.action as CustomRuleContent['action'],
    status: numOrNull(row.status),
    severity: String(row.severity),
    message: String(row.message),
    comment: String(row.comment),
  }),
  content: ({ ruleId, enabled, phase, variables, operator, negate, argument, transformations, action, status, severity, message, comment }) => ({
    ruleId,
    enabled,
    phase,
    variables,
    operator,
    negate,
    argument,
    transformations,
    action,
    status,
    severity,
    message,
    comment,
  }),
  view: (record) => record,
};

export type AnyChildKind = typeof OVERRIDES | typeof EXCLUSIONS | typeof CUSTOM_RULES;

/** The policy row, locked for the unit's writes; undefined when the tenant has no such policy. */
export async function readPolicy(tx: WafTx, id: string, lock = false): Promise<PolicyRecord | undefined> {
  const row = await tx.one<Record<string, unknown>>(sql`SELECT * FROM waf.policies WHERE ${tx.tenant()} AND id = ${id}${lock ? tx.forUpdate : sql``}`);
  return row && policyFromRow(row);
}

export async function readChildren<C, R extends Stamped>(tx: WafTx, kind: ChildKind<C, R>, policyId: string): Promise<R[]> {
  const rows = await tx.rows<Record<string, unknown>>(
    sql`SELECT * FROM ${sql.raw(kind.table)} WHERE ${tx.tenant()} AND policy_id = ${policyId} ORDER BY ${kind.order}`,
  );
  return rows.map((row) => kind.fromRow(row));
}

export async function readAggregate(tx: WafTx, policy: PolicyRecord): Promise<PolicyAggregate> {
  const [overrides, exclusions, customRules] = await Promise.all([
    readChildren(tx, OVERRIDES, policy.id),
    readChildren(tx, EXCLUSIONS, policy.id),
    readChildren(tx, CUSTOM_RULES, policy.id),
  ]);
  return { policy, overrides, exclusions, customRules };
}

const keyed = <C, R extends Stamped>(kind: ChildKind<C, R>, records: R[]) => Object.fromEntries(records.map((record) => [record.id, kind.content(record)]));

export function snapshotOf(aggregate: PolicyAggregate): Snapshot {
  return {
    settings: settingsOf(aggregate.policy),
    overrides: keyed(OVERRIDES, aggregate.overrides),
    exclusions: keyed(EXCLUSIONS, aggregate.exclusions),
    customRules: keyed(CUSTOM_RULES, aggregate.customRules),
  };
}

/**
 * After a change to the aggregate: the policy's version moves on (unless it was just created at
 * 1) and revision n = version is written with the snapshot, in the same transaction.
 */
export async function commitRevision(
  tx: WafTx,
  policyId: string,
  action: string,
  options: { bump: boolean; rolledBackFrom?: number },
): Promise<PolicyAggregate> {
  if (options.bump) {
    await tx.run(
      sql`UPDATE waf.policies SET version = version + 1, updated_at = ${tx.now.toISOString()}, updated_by = ${tx.actor} WHERE ${tx.tenant()} AND id = ${policyId}`,
    );
  }
  const aggregate = await readAggregate(tx, (await readPolicy(tx, policyId))!);
  const snapshot = canonicalJson(snapshotOf(aggregate));
  await tx.run(
    sql.insert('waf.policy_revisions', {
      tenant_id: tx.tenantId,
      policy_id: policyId,
      revision: aggregate.policy.version,
      action,
      rolled_back_from: options.rolledBackFrom ?? null,
      snapshot,
      snapshot_sha256: sha256Hex(snapshot),
      created_at: tx.now.toISOString(),
      created_by: tx.actor,
    }),
  );
  return aggregate;
}

/** Audit columns of a new row. */
export function creationStamp(tx: WafTx, id: string): Record<string, unknown> {
  const now = tx.now.toISOString();
  return { tenant_id: tx.tenantId, id, version: 1, created_at: now, created_by: tx.actor, updated_at: now, updated_by: tx.actor };
}

/** Audit columns of an update that bumps the row to `version`. */
export function updateStamp(tx: WafTx, version: number): Record<string, unknown> {
  return { version, updated_at: tx.now.toISOString(), updated_by: tx.actor };
}
