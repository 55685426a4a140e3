import { sha256Hex } from '@lib/platform';
import { byteOrder } from '@lib/platform';
import { CRS_LIMITS, type PolicySettings } from '../policies/policy-settings';
import { type CustomRuleContent, type ExclusionContent, exclusionRendering, type OverrideContent, variableText } from '../policies/rule-content';
import {
  CRS_INCLUDE_PATTERN,
  CRS_SETUP_VARIABLES,
  type CrsMajor,
  crsMajorOf,
  crsSettingRefusal,
  isCrsVersion,
  isSupportedMajor,
  type RuleCatalogue,
  settingsUnsupportedBy,
  SUPPORTED_CRS_MAJORS,
} from '@lib/waf';
import { lintBundle, PART_NAMES } from './bundle-linter';

/** What one vhost bundle is rendered from: stored state only. */
export interface RenderInput {
  readonly tenantId: string;
  readonly vhost: { readonly id: string; readonly domain: string };
  readonly policy: {
    readonly settings: PolicySettings;
    readonly overrides: readonly (OverrideContent & { id: string })[];
    readonly exclusions: readonly (ExclusionContent & { id: string })[];
    readonly customRules: readonly (CustomRuleContent & { id: string })[];
  };
}

export interface RenderOptions {
  readonly crsInclude: string;
  readonly crsVersion: string;
  readonly catalogue?: RuleCatalogue;
}

export interface RenderedBundle {
  readonly content: string;
  readonly sha256: string;
  readonly ruleIds: number[];
  readonly warnings: string[];
}

export interface RenderViolation {
  /** The child the violation comes from, when one does. */
  readonly id?: string;
  readonly message: string;
}

/** Every reason a bundle cannot be rendered; nothing partial is ever returned. */
export class RenderError extends Error {
  constructor(readonly violations: RenderViolation[]) {
    super(`render failed: ${violations.map((violation) => violation.message).join('; ')}`);
  }
}

const RUNTIME_FIRST_ID = 91000;
const RUNTIME_LAST_ID = 98999;

/** `4.28.0` → `4280`, the form `tx.crs_setup_version` takes. */
export function crsSetupVersion(version: string): string {
  return version.split('.').join('');
}

/** `vhosts/<dir>/…`: the domain with `*` as `_`. */
export function vhostDirectory(domain: string): string {
  return `vhosts/${domain.replace(/\*/g, '_')}`;
}

const setupAction = (id: number, ...setvars: string[]) =>
  `SecAction "id:${id},phase:1,pass,nolog,t:none,${setvars.map((setvar) => `setvar:${setvar}`).join(',')}"`;

/**
 * The path and what lies below it, as the engine sees the path after decoding and normalising
 * (`%2e%2e`, `\\`, `//` and `..` resolved). A `;` anywhere below ends the scope: `/login/..;/admin`
 * is `/admin` to a servlet container, and a path parameter is a different resource to some
 * backends. `. $ ( ) * +` are the path characters a regex reads as syntax.
 */
const pathRegex = (path: string) => `^${path.replace(/[.$()*+]/g, '\\$&')}(?:/[^;]*)?$`;

const compareTargets = (a: { ruleId: number | null; tag: string | null }, b: { ruleId: number | null; tag: string | null }) =>
  a.ruleId !== null && b.ruleId !== null ? a.ruleId - b.ruleId : a.ruleId !== null ? -1 : b.ruleId !== null ? 1 : byteOrder(a.tag!, b.tag!);

const compareVariables = (a: ExclusionContent, b: ExclusionContent) =>
  byteOrder(a.variable?.collection ?? '', b.variable?.collection ?? '') || byteOrder(a.variable?.key ?? '', b.variable?.key ?? '');

function engineLines(settings: PolicySettings): string[] {
  const engine = { blocking: 'On', detection_only: 'DetectionOnly', off: 'Off' }[settings.mode];
  return [
    `SecRuleEngine ${engine}`,
    'SecRequestBodyAccess On',
    `SecRequestBodyLimit ${settings.requestBodyLimitBytes}`,
    `SecRequestBodyNoFilesLimit ${Math.min(131072, settings.requestBodyLimitBytes)}`,
    'SecRequestBodyLimitAction Reject',
    `SecResponseBodyAccess ${settings.skipResponseAnalysis ? 'Off' : 'On'}`,
    'SecResponseBodyMimeType text/plain text/html text/xml application/json',
    'SecResponseBodyLimit 524288',
    'SecResponseBodyLimitAction ProcessPartial',
    ...[1, 2, 3, 4, 5].map((phase) => `SecDefaultAction "phase:${phase},log,auditlog,pass"`),
    'SecRule REQUEST_HEADERS:Content-Type "@rx (?i)^(?:application(?:/soap\\+|/)|text/)xml" "id:90001,phase:1,pass,nolog,t:none,ctl:requestBodyProcessor=XML"',
    'SecRule REQUEST_HEADERS:Content-Type "@rx (?i)^application/(?:[a-z0-9.-]+\\+)?json" "id:90002,phase:1,pass,nolog,t:none,ctl:requestBodyProcessor=JSON"',
    `SecRule REQBODY_ERROR "!@eq 0" "id:90003,phase:2,deny,status:400,log,t:none,msg:'waf-panel: the request body could not be parsed'"`,
  ];
}

/** Part 2 in the variables of the CRS major version the engine loads (CRS 3.x names the paranoia levels differently). */
function crsSetupLines(settings: PolicySettings, crsVersion: string): string[] {
  const names = CRS_SETUP_VARIABLES[crsMajorOf(crsVersion) as CrsMajor];
  const actions: [number, string][] = [
    [900000, setupAction(900000, `${names.blockingParanoiaLevel}=${settings.blockingParanoiaLevel}`)],
    [900001, setupAction(900001, `${names.detectionParanoiaLevel}=${settings.detectionParanoiaLevel ?? settings.blockingParanoiaLevel}`)],
    [
      900110,
      setupAction(
        900110,
        `tx.inbound_anomaly_score_threshold=${settings.inboundAnomalyThreshold}`,
        `tx.outbound_anomaly_score_threshold=${settings.outboundAnomalyThreshold}`,
      ),
    ],
    [900200, setupAction(900200, `'tx.allowed_methods=${settings.allowedMethods.join(' ')}'`)],
    [900990, setupAction(900990, `tx.crs_setup_version=${crsSetupVersion(crsVersion)}`)],
  ];
  if (settings.enforceUrlencodedBodyProcessor) actions.push([900010, setupAction(900010, 'tx.enforce_bodyproc_urlencoded=1')]);
  if (settings.earlyBlocking) actions.push([900120, setupAction(900120, 'tx.early_blocking=1')]);
  if (settings.allowedRequestContentTypes) {
    actions.push([
      900220,
      setupAction(900220, `'tx.allowed_request_content_type=${settings.allowedRequestContentTypes.map((type) => `|${type}|`).join(' ')}'`),
    ]);
  }
  for (const limit of CRS_LIMITS) {
    const value = settings[limit.field];
    if (value !== null) actions.push([limit.id, setupAction(limit.id, `${limit.variable}=${value}`)]);
  }
  if (settings.skipResponseAnalysis) actions.push([900500, setupAction(900500, 'tx.crs_skip_response_analysis=1')]);
  return actions.sort(([a], [b]) => a - b).map(([, line]) => line);
}

function customRuleLine(rule: CustomRuleContent): string {
  const variables = rule.variables.map(variableText).join('|');
  const argument = rule.argument === null ? '' : ` ${rule.operator === 'rx' ? rule.argument.replace(/"/g, '\\"') : rule.argument}`;
  const action = { deny: `deny,status:${rule.status}`, log: 'pass', allow: 'pass,ctl:ruleEngine=Off' }[rule.action];
  const transformations = ['none', ...rule.transformations].map((name) => `t:${name}`).join(',');
  return `SecRule ${variables} "${rule.negate ? '!' : ''}@${rule.operator}${argument}" "id:${rule.ruleId},phase:${rule.phase},${action},log,${transformations},severity:'${rule.severity}',msg:'${rule.message}',tag:'waf-panel/custom'"`;
}

/**
 * The SecLang bundle of one vhost: a pure function of its input. Same input, same
 * bytes; comments, names and revisions are not rendered, so they never change the checksum.
 */
export function renderVhostBundle(input: RenderInput, options: RenderOptions): RenderedBundle {
  const violations: RenderViolation[] = [];
  const warnings: string[] = [];
  const { settings } = input.policy;
  if (!CRS_INCLUDE_PATTERN.test(options.crsInclude)) violations.push({ message: 'WAF_CRS_INCLUDE has characters outside [A-Za-z0-9@_./*-]' });
  const knownVersion = isCrsVersion(options.crsVersion) && isSupportedMajor(crsMajorOf(options.crsVersion));
  if (!knownVersion) violations.push({ message: `CRS ${options.crsVersion} is not a supported version (x.y.z, major ${SUPPORTED_CRS_MAJORS.join(' or ')})` });
  else
    for (const field of settingsUnsupportedBy(options.crsVersion, settings)) violations.push({ message: `${field} ${crsSettingRefusal(options.crsVersion)}` });

  const applies = (exclusion: ExclusionContent) => exclusion.vhostId === null || exclusion.vhostId === input.vhost.id;
  const exclusions = input.policy.exclusions.filter(applies);
  const runtime = exclusions
    .filter((exclusion) => exclusionRendering(exclusion) === 'runtime')
    .sort((a, b) => byteOrder(a.path!, b.path!) || compareTargets(a, b) || compareVariables(a, b));
  if (runtime.length > RUNTIME_LAST_ID - RUNTIME_FIRST_ID + 1)
    violations.push({ message: `more than ${RUNTIME_LAST_ID - RUNTIME_FIRST_ID + 1} path-scoped exclusions apply to this vhost` });

  const runtimeLines = runtime.map((exclusion, index) => {
    const by = exclusion.ruleId !== null ? `Id=${exclusion.ruleId}` : `Tag=${exclusion.tag}`;
    const ctl = exclusion.variable ? `ctl:ruleRemoveTargetBy${by};${variableText(exclusion.variable)}` : `ctl:ruleRemoveBy${by}`;
    return `SecRule REQUEST_FILENAME "@rx ${pathRegex(exclusion.path!)}" "id:${RUNTIME_FIRST_ID + index},phase:1,pass,nolog,t:none,t:urlDecodeUni,t:normalizePathWin,${ctl}"`;
  });

  const removals = [...input.policy.overrides, ...exclusions.filter((exclusion) => exclusionRendering(exclusion) === 'remove')].sort(compareTargets);
  const removalLines = [
    ...new Set(removals.map((target) => (target.ruleId !== null ? `SecRuleRemoveById ${target.ruleId}` : `SecRuleRemoveByTag ${target.tag}`))),
  ];

  const updates = exclusions
    .filter((exclusion) => exclusionRendering(exclusion) === 'update-target')
    .sort((a, b) => compareTargets(a, b) || compareVariables(a, b));
  const updateLines = [
    ...new Set(
      updates.map(
        (exclusion) =>
          `SecRuleUpdateTargetBy${exclusion.ruleId !== null ? `Id ${exclusion.ruleId}` : `Tag ${exclusion.tag}`} "!${variableText(exclusion.variable!)}"`,
      ),
    ),
  ];
  if (!options.catalogue) {
    for (const line of updateLines.filter((text) => text.startsWith('SecRuleUpdateTargetById'))) {
      warnings.push(`${line.split(' ').slice(0, 2).join(' ')}: Coraza refuses to load this unless the rule is loaded; set WAF_CRS_CATALOGUE to check rule ids`);
    }
  }

  const customLines = input.policy.customRules
    .filter((rule) => rule.enabled)
    .sort((a, b) => a.ruleId - b.ruleId)
    .map(customRuleLine);

  const parts: string[][] = [
    [`# waf-panel bundle format=1 tenant=${input.tenantId}`, `# vhost=${input.vhost.domain} crs=${options.crsVersion}`],
    engineLines(settings),
    knownVersion ? crsSetupLines(settings, options.crsVersion) : [],
    settings.ipAllow.length > 0 ? [`SecRule REMOTE_ADDR "@ipMatch ${settings.ipAllow.join(',')}" "id:90100,phase:1,pass,nolog,t:none,ctl:ruleEngine=Off"`] : [],
    settings.ipDeny.length > 0
      ? [
          `SecRule REMOTE_ADDR "@ipMatch ${settings.ipDeny.join(',')}" "id:90110,phase:1,deny,status:403,log,t:none,msg:'waf-panel: client address is in the deny list'"`,
        ]
      : [],
    runtimeLines,
    customLines,
    [`Include ${options.crsInclude}`],
    removalLines,
    updateLines,
  ];
  if (violations.length > 0) throw new RenderError(violations);
  const content = `${parts.flatMap((lines, index) => [`# --- ${index} ${PART_NAMES[index]} ---`, ...lines]).join('\n')}\n`;
  const findings = lintBundle(content);
  if (findings.length > 0) throw new RenderError(findings.map((finding) => ({ message: `line ${finding.line}: ${finding.message}` })));
  const ruleIds = [...content.matchAll(/[",]id:(\d+)/g)].map((match) => Number(match[1]));
  return { content, sha256: sha256Hex(content), ruleIds, warnings };
}
