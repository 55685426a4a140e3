import { readFileSync } from 'node:fs';
import { ConfigurationError, readExecutable, readPositiveInt } from '@lib/persistence';
import {
  CRS_INCLUDE_PATTERN,
  crsMajorOf,
  type CrsVersionSource,
  DEFAULT_CRS_VERSION,
  detectCrsVersion,
  isCrsVersion,
  isSupportedMajor,
  type RuleCatalogue,
  SUPPORTED_CRS_MAJORS,
} from '@lib/waf';

export const WAF_CONFIG = Symbol('WAF_CONFIG');
/** Ten a second, sustained for a minute: far above an editor, enough for automation pushing a catalogue. */
const DEFAULT_WRITE_RATE_LIMIT = 600;

/** The panel's settings; every bad value fails the boot naming its variable. */
export interface WafConfig {
  readonly crsInclude: string;
  /** The CRS version bundles are rendered for: detected from the files under `crsInclude` where they are on this host. */
  readonly crsVersion: string;
  readonly crsVersionSource: CrsVersionSource;
  readonly catalogue?: RuleCatalogue;
  readonly engineCheckCommand?: string;
  readonly engineCheckTimeoutMs: number;
  /** Writes per principal per minute on one replica. */
  readonly writeRateLimitPerMinute: number;
  /** Security events older than this many days are never served and are pruned as new ones arrive. */
  readonly eventRetentionDays: number;
}

function readCatalogue(path: string): RuleCatalogue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(
      `WAF_CRS_CATALOGUE="${path}" cannot be read as JSON (${(error as Error).message}); make it with npm run crs:catalogue -- <rules dir>`,
    );
  }
  const { ids, tags } = (parsed ?? {}) as { ids?: unknown; tags?: unknown };
  if (!Array.isArray(ids) || !ids.every(Number.isInteger) || !Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) {
    throw new ConfigurationError(
      `WAF_CRS_CATALOGUE="${path}" must hold {"ids": [integers], "tags": [strings]}; make it with npm run crs:catalogue -- <rules dir>`,
    );
  }
  return { ids: new Set(ids as number[]), tags: new Set(tags as string[]) };
}

/**
 * The CRS version of the rule files the engine loads, where they are on this host; otherwise
 * WAF_CRS_VERSION, or the default. A configured version that disagrees with the files stops the
 * boot: bundles rendered for one major version are inert on the other.
 */
function readCrsVersion(include: string, configured: string | undefined): { version: string; source: CrsVersionSource } {
  if (configured !== undefined && !isCrsVersion(configured))
    throw new ConfigurationError(`WAF_CRS_VERSION="${configured}" must be a CRS version like ${DEFAULT_CRS_VERSION}`);
  let detected: string | undefined;
  try {
    detected = detectCrsVersion(include);
  } catch (error) {
    throw new ConfigurationError(`WAF_CRS_INCLUDE="${include}": ${(error as Error).message}`);
  }
  if (detected !== undefined && configured !== undefined && detected !== configured) {
    throw new ConfigurationError(
      `WAF_CRS_VERSION="${configured}" disagrees with CRS ${detected} found under WAF_CRS_INCLUDE="${include}"; unset WAF_CRS_VERSION or point WAF_CRS_INCLUDE at the rule set your nodes run`,
    );
  }
  const version = detected ?? configured ?? DEFAULT_CRS_VERSION;
  if (!isSupportedMajor(crsMajorOf(version))) {
    throw new ConfigurationError(
      `CRS ${version} (${detected ? `found under WAF_CRS_INCLUDE="${include}"` : 'WAF_CRS_VERSION'}) is not supported; supported: CRS ${SUPPORTED_CRS_MAJORS.map((major) => `${major}.x`).join(' and ')}`,
    );
  }
  return { version, source: detected ? 'detected' : configured ? 'configured' : 'default' };
}

export function readWafConfig(env: NodeJS.ProcessEnv = process.env): WafConfig {
  const crsInclude = env.WAF_CRS_INCLUDE?.trim() || '/usr/share/modsecurity-crs/rules/*.conf';
  if (!CRS_INCLUDE_PATTERN.test(crsInclude))
    throw new ConfigurationError(`WAF_CRS_INCLUDE="${crsInclude}" must match ${CRS_INCLUDE_PATTERN.source} (a path or glob of CRS rule files)`);
  const { version: crsVersion, source: crsVersionSource } = readCrsVersion(crsInclude, env.WAF_CRS_VERSION?.trim() || undefined);
  const catalogue = env.WAF_CRS_CATALOGUE?.trim();
  return {
    crsInclude,
    crsVersion,
    crsVersionSource,
    catalogue: catalogue ? readCatalogue(catalogue) : undefined,
    engineCheckCommand: readExecutable(env, 'WAF_ENGINE_CHECK_CMD'),
    engineCheckTimeoutMs: readPositiveInt(env, 'WAF_ENGINE_CHECK_TIMEOUT_MS', 30000),
    writeRateLimitPerMinute: readPositiveInt(env, 'WAF_RATE_LIMIT_WRITES_PER_MINUTE', DEFAULT_WRITE_RATE_LIMIT),
    eventRetentionDays: readPositiveInt(env, 'WAF_EVENT_RETENTION_DAYS', 30),
  };
}
