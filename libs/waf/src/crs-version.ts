import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';

/** The CRS major versions the panel renders for: their setup variables differ. */
export const SUPPORTED_CRS_MAJORS = [3, 4] as const;
export type CrsMajor = (typeof SUPPORTED_CRS_MAJORS)[number];

/** Where the panel's idea of the CRS version came from. */
export type CrsVersionSource = 'detected' | 'configured' | 'default';

export interface CrsVersion {
  /** `x.y.z`. */
  readonly version: string;
  readonly major: CrsMajor;
  readonly source: CrsVersionSource;
}

export const DEFAULT_CRS_VERSION = '4.28.0';
const VERSION = /^\d{1,2}\.\d{1,2}\.\d{1,2}$/;
/** The rule set's own stamp, in REQUEST-901-INITIALIZATION.conf. */
const SIGNATURE = /SecComponentSignature\s+"OWASP_CRS\/(\d{1,2}\.\d{1,2}\.\d{1,2})"/;
/** Each rule's `ver:'OWASP_CRS/x.y.z'`: a distribution may patch single files to a later release. */
const RULE_VERSION = /ver:'OWASP_CRS\/(\d{1,2}\.\d{1,2}\.\d{1,2})'/g;

export function isCrsVersion(text: string): boolean {
  return VERSION.test(text);
}

export function crsMajorOf(version: string): number {
  return Number(version.split('.')[0]);
}

export function isSupportedMajor(major: number): major is CrsMajor {
  return (SUPPORTED_CRS_MAJORS as readonly number[]).includes(major);
}

/**
 * The version of the CRS rule files that `include` names (a path or glob, as the engine reads
 * it): the rule set's `SecComponentSignature`, else the version most of its rules carry.
 * Undefined when no file matches, so the rule set is not on this host; an error when the files
 * carry no stamp or mix major versions, since the engine would then load something unknown.
 */
export function detectCrsVersion(include: string): string | undefined {
  const files = globSync(include, { absolute: true, onlyFiles: true }).sort();
  if (files.length === 0) return undefined;
  const signatures = new Set<string>();
  const filesByRuleVersion = new Map<string, number>();
  for (const file of files) {
    // Comments cite other versions ("Producer: …; OWASP_CRS/3.1.0"): only directives count.
    const directives = readFileSync(file, 'latin1')
      .split('\n')
      .filter((line) => !/^\s*#/.test(line))
      .join('\n');
    const signature = SIGNATURE.exec(directives)?.[1];
    if (signature) signatures.add(signature);
    for (const version of new Set([...directives.matchAll(RULE_VERSION)].map((match) => match[1])))
      filesByRuleVersion.set(version, (filesByRuleVersion.get(version) ?? 0) + 1);
  }
  if (signatures.size > 1) throw new Error(`the files matching ${include} carry several CRS signatures: ${[...signatures].join(', ')}`);
  const [version] = signatures.size === 1 ? signatures : [...filesByRuleVersion].sort((a, b) => b[1] - a[1]).map(([stamp]) => stamp);
  if (!version) throw new Error(`none of the ${files.length} files matching ${include} carries an OWASP_CRS/x.y.z version stamp`);
  const foreign = [...filesByRuleVersion.keys()].filter((stamp) => crsMajorOf(stamp) !== crsMajorOf(version));
  if (foreign.length > 0) throw new Error(`the files matching ${include} mix CRS major versions: ${[version, ...foreign].join(', ')}`);
  return version;
}

/** The setup variables that differ between the majors; the rest (thresholds, methods, limits) share names. */
export const CRS_SETUP_VARIABLES: Record<CrsMajor, { readonly blockingParanoiaLevel: string; readonly detectionParanoiaLevel: string }> = {
  3: { blockingParanoiaLevel: 'tx.paranoia_level', detectionParanoiaLevel: 'tx.executing_paranoia_level' },
  4: { blockingParanoiaLevel: 'tx.blocking_paranoia_level', detectionParanoiaLevel: 'tx.detection_paranoia_level' },
};

/** Policy switches that only CRS 4 reads: on 3.x they would be rendered and silently ignored. */
export const CRS4_ONLY_SETTINGS = ['earlyBlocking', 'skipResponseAnalysis'] as const;

/** The switches a policy turns on that `version` cannot honour, by field name. */
export function settingsUnsupportedBy(version: string, settings: Readonly<Record<(typeof CRS4_ONLY_SETTINGS)[number], boolean>>): string[] {
  return crsMajorOf(version) >= 4 ? [] : CRS4_ONLY_SETTINGS.filter((field) => settings[field]);
}

/** Why a CRS 4 switch is refused on `version`. */
export function crsSettingRefusal(version: string): string {
  return `is not supported by CRS ${version}, the version the engine loads (CRS 4 only); turn it off`;
}

/** The deployed CRS's ids and tags, when WAF_CRS_CATALOGUE names one. */
export interface RuleCatalogue {
  readonly ids: ReadonlySet<number>;
  readonly tags: ReadonlySet<string>;
}

export const CRS_INCLUDE_PATTERN = /^[A-Za-z0-9@_./*-]{1,255}$/;
