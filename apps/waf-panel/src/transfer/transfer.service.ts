import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@lib/persistence';
import { canonicalJson } from '@lib/platform';
import type { Caller } from '../common/caller';
import { acceptedProperties, Checker, join, type Json } from '@lib/platform';
import { EXPORT_FORMAT, ImportDocument, ImportQuery, ImportSections } from '../policies/policy.dto';
import { conflict, forbidden, found } from '../common/problems';
import { WafDb, type WafTx } from '../common/waf-db';
import { replaceAggregate } from '../policies/aggregate-writer';
import { insertPolicy, POLICY } from '../policies/policies.service';
import { checkPolicySettings, POLICY_DEFAULTS, type PolicySettings, SETTINGS_FIELDS } from '../policies/policy-settings';
import { commitRevision, type PolicyAggregate, policyFromRow, readAggregate, readPolicy, settingsOf, snapshotOf } from '../policies/policy-store';
import type { CustomRuleContent, ExclusionContent, OverrideContent } from '../policies/rule-content';
import { checkCustomRule, checkExclusion, checkOverride, isProtectedTarget } from '../rules/rule-validation';
import { OverrideBody } from '../rules/rule.dto';
import { WAF_CONFIG, type WafConfig } from '../waf-config';

type Exported = Json;

/** A policy as the portable document holds it: content only, vhost scopes by domain. */
function exportPolicy(aggregate: PolicyAggregate, domains: Map<string, string>): Exported {
  const strip = <T extends object>(record: T, keys: string[]) => Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
  const internal = ['id', 'policyId', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
  return {
    ...settingsOf(aggregate.policy),
    overrides: aggregate.overrides.map((override) => strip(override, internal)),
    exclusions: aggregate.exclusions.map((exclusion) => {
      const { vhostId, ...rest } = strip(exclusion, internal) as unknown as ExclusionContent;
      return { ...rest, vhostDomain: vhostId === null ? null : (domains.get(vhostId) ?? null) };
    }),
    customRules: aggregate.customRules.map((rule) => strip(rule, internal)),
  };
}

interface ImportedPolicy {
  readonly settings: PolicySettings;
  readonly overrides: OverrideContent[];
  readonly exclusions: ExclusionContent[];
  readonly customRules: CustomRuleContent[];
}

@Injectable()
export class TransferService {
  constructor(
    private readonly db: WafDb,
    @Inject(WAF_CONFIG) private readonly config: WafConfig,
  ) {}

  /** One policy, or all of the tenant's; audited as `policy.export`. */
  async export(policyId: string | null) {
    return this.db.unit(async (tx) => {
      const policies = policyId
        ? [found(await readPolicy(tx, policyId), POLICY)]
        : (await tx.rows<Record<string, unknown>>(sql`SELECT * FROM waf.policies WHERE ${tx.tenant()} ORDER BY name_key, id`)).map(policyFromRow);
      const domains = await vhostDomains(tx);
      const exported: Exported[] = [];
      for (const policy of policies) exported.push(exportPolicy(await readAggregate(tx, policy), domains));
      await tx.audit({
        action: 'policy.export',
        entity: { type: 'policy', id: policyId, label: policyId ? String(exported[0].name) : null },
        detail: `exported ${exported.length} ${exported.length === 1 ? 'policy' : 'policies'}: ${exported.map((p) => p.name).join(', ')}`,
      });
      return { format: EXPORT_FORMAT, formatVersion: 1, crsVersion: this.config.crsVersion, exportedAt: tx.now.toISOString(), policies: exported };
    });
  }

  /** All-or-nothing: created, unchanged or replaced per policy name. */
  async import(caller: Caller, body: Json, mode: unknown) {
    const check = new Checker();
    const modeCheck = new Checker('query');
    const importMode = modeCheck.fields(ImportQuery, { mode })?.mode ?? 'strict';
    modeCheck.done();
    const document = check.fields(ImportDocument, body);
    const list: unknown[] = check.failed('policies') ? [] : (document?.policies ?? []);
    const forcedItems = list.some((policy) =>
      ['overrides', 'exclusions'].some(
        (section) => Array.isArray((policy as Json)?.[section]) && ((policy as Json)[section] as Json[]).some((item) => item?.forced === true),
      ),
    );
    if (forcedItems && !caller.admin) throw forbidden('The document holds forced targets; only an Admin may import them.');
    return this.db.unit(async (tx) => {
      const domains = await vhostDomains(tx);
      const byDomain = new Map([...domains].map(([id, domain]) => [domain, id]));
      const imported = list.map((raw, index) => parsePolicy(check, raw, `policies[${index}]`, byDomain, this.config.crsVersion));
      const names = imported.map((policy) => policy?.settings.name.toLowerCase());
      names.forEach((name, index) => {
        if (name !== undefined && names.indexOf(name) !== index) check.fail(`policies[${index}].name`, 'appears twice in the document');
      });
      check.done();
      const plans: { policy: ImportedPolicy; existing: PolicyAggregate | null; result: 'created' | 'unchanged' | 'replaced' }[] = [];
      for (const policy of imported as ImportedPolicy[]) {
        const row = await tx.one<{ id: string }>(
          sql`SELECT id FROM waf.policies WHERE ${tx.tenant()} AND name_key = ${policy.settings.name.toLowerCase()}${tx.forUpdate}`,
        );
        if (!row) {
          plans.push({ policy, existing: null, result: 'created' });
          continue;
        }
        const existing = await readAggregate(tx, (await readPolicy(tx, row.id))!);
        const same = canonicalJson(exportPolicy(existing, domains)) === canonicalJson(exportPolicy(asAggregate(policy), domains));
        plans.push({ policy, existing, result: same ? 'unchanged' : 'replaced' });
      }
      const conflicting = plans.filter((plan) => plan.result === 'replaced');
      if (importMode === 'strict' && conflicting.length > 0) {
        throw conflict('import-conflict', 'Policies with these names exist with different content; nothing was imported. Use mode=replace to overwrite them.', {
          names: conflicting.map((plan) => plan.existing!.policy.name),
        });
      }
      const results: { name: string; policyId: string; result: string }[] = [];
      for (const plan of plans) {
        let id = plan.existing?.policy.id;
        if (plan.result !== 'unchanged') {
          if (!plan.existing) {
            id = await insertPolicy(tx, plan.policy.settings, 'import');
            await replaceAggregate(tx, await readAggregate(tx, (await readPolicy(tx, id))!), plan.policy, 1);
          } else {
            await replaceAggregate(tx, plan.existing, plan.policy, plan.existing.policy.version + 1);
          }
          const aggregate = await commitRevision(tx, id!, 'import', { bump: false });
          await tx.audit({
            action: 'policy.import',
            entity: { type: 'policy', id: id!, label: aggregate.policy.name },
            before: plan.existing && snapshotOf(plan.existing),
            after: snapshotOf(aggregate),
            detail: plan.result,
            forced: [...plan.policy.overrides, ...plan.policy.exclusions].some((child) => child.forced),
          });
        }
        results.push({ name: plan.policy.settings.name, policyId: id!, result: plan.result });
      }
      await tx.audit({
        action: 'policy.import',
        entity: { type: 'policy', id: null, label: null },
        after: { mode: importMode, results },
        detail: `${results.length} policies in the document`,
      });
      return { results };
    });
  }
}

async function vhostDomains(tx: WafTx): Promise<Map<string, string>> {
  const rows = await tx.rows<{ id: string; domain: string }>(sql`SELECT id, domain FROM waf.vhosts WHERE ${tx.tenant()}`);
  return new Map(rows.map((row) => [row.id, row.domain]));
}

function asAggregate(policy: ImportedPolicy): PolicyAggregate {
  const stamp = { id: '', version: 0, createdAt: '', createdBy: '', updatedAt: '', updatedBy: '', policyId: '' };
  return {
    policy: { ...stamp, ...policy.settings },
    overrides: policy.overrides.map((child) => ({ ...stamp, ...child })),
    exclusions: policy.exclusions.map((child) => ({ ...stamp, ...child })),
    customRules: policy.customRules.map((child) => ({ ...stamp, ...child })),
  };
}

/** One document policy, checked like the API would check each part; paths like `policies[0].exclusions[2].path`. */
function parsePolicy(check: Checker, raw: unknown, path: string, byDomain: Map<string, string>, crsVersion: string): ImportedPolicy | undefined {
  const body = check.object(raw, path, [...SETTINGS_FIELDS, 'overrides', 'exclusions', 'customRules']);
  if (!body) return undefined;
  const { overrides, exclusions, customRules, ...settingsBody } = body;
  const settings = checkPolicySettings(check, { ...POLICY_DEFAULTS, ...settingsBody }, crsVersion, path);
  const sections = check.fields(ImportSections, { overrides, exclusions, customRules }, path)!;
  const items = <T>(section: keyof ImportSections, parse: (item: Json, at: string) => T | undefined): T[] =>
    (check.failed(join(path, section)) ? [] : (sections[section] ?? []))
      .map((item, index) => parse(item as Json, `${join(path, section)}[${index}]`))
      .filter((item): item is T => item !== undefined);
  const targeted = <T extends OverrideContent>(
    item: Json,
    at: string,
    fields: string[],
    parse: (c: Checker, b: Json, cat: undefined, p: string) => Omit<T, 'forced'> | undefined,
  ): T | undefined => {
    if (!check.object(item, at, [...fields, 'forced'])) return undefined;
    const { forced, ...rest } = item;
    const content = parse(check, rest, undefined, at);
    if (!content) return undefined;
    const isProtected = isProtectedTarget(content);
    if (isProtected && forced !== true)
      return check.fail(join(at, content.ruleId !== null ? 'ruleId' : 'tag'), 'protected-rule: a protected target must be marked forced');
    return { ...content, forced: isProtected } as T;
  };
  const parsedOverrides = items('overrides', (item, at) =>
    targeted<OverrideContent>(
      item,
      at,
      acceptedProperties(OverrideBody).filter((field) => field !== 'force'),
      checkOverride,
    ),
  );
  const parsedExclusions = items('exclusions', (item, at) => {
    const { vhostDomain, ...rest } = (item ?? {}) as Json;
    let vhostId: string | null = null;
    if (vhostDomain !== undefined && vhostDomain !== null) {
      vhostId = byDomain.get(String(vhostDomain)) ?? null;
      if (vhostId === null) return check.fail(join(at, 'vhostDomain'), 'is not a vhost of this tenant');
    }
    return targeted<ExclusionContent>({ ...rest, vhostId }, at, ['ruleId', 'tag', 'variable', 'vhostId', 'path', 'comment'], checkExclusion);
  });
  const parsedRules = items('customRules', (item, at) => checkCustomRule(check, item, at));
  if (!settings) return undefined;
  return { settings, overrides: parsedOverrides, exclusions: parsedExclusions, customRules: parsedRules };
}
