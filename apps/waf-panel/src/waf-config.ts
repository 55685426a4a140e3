import { readFileSync } from 'node:fs';
import { ConfigurationError, readPositiveInt } from '@lib/persistence';
import { CRS_INCLUDE_PATTERN } from './render/bundle-renderer';
import type { RuleCatalogue } from './rules/rule-validation';

export const WAF_CONFIG = Symbol('WAF_CONFIG');
/** Ten a second, sustained for a minute: far above an editor, enough for automation pushing a catalogue. */
const DEFAULT_WRITE_RATE_LIMIT = 600;

/** The panel's settings (spec §6.1, §7.3, §8.3); every bad value fails the boot naming its variable. */
export interface WafConfig {
  readonly crsInclude: string;
  readonly crsVersion: string;
  readonly catalogue?: RuleCatalogue;
  readonly engineCheckCommand?: string;
  readonly engineCheckTimeoutMs: number;
  /** Writes per principal per minute on one replica. */
  readonly writeRateLimitPerMinute: number;
}

function readCatalogue(path: string): RuleCatalogue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(`WAF_CRS_CATALOGUE="${path}" cannot be read as JSON (${(error as Error).message}); make it with npm run crs:catalogue -- <rules dir>`);
  }
  const { ids, tags } = (parsed ?? {}) as { ids?: unknown; tags?: unknown };
  if (!Array.isArray(ids) || !ids.every(Number.isInteger) || !Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) {
    throw new ConfigurationError(`WAF_CRS_CATALOGUE="${path}" must hold {"ids": [integers], "tags": [strings]}; make it with npm run crs:catalogue -- <rules dir>`);
  }
  return { ids: new Set(ids as number[]), tags: new Set(tags as string[]) };
}

export function readWafConfig(env: NodeJS.ProcessEnv = process.env): WafConfig {
  const crsInclude = env.WAF_CRS_INCLUDE?.trim() || '/usr/share/modsecurity-crs/rules/*.conf';
  if (!CRS_INCLUDE_PATTERN.test(crsInclude)) throw new ConfigurationError(`WAF_CRS_INCLUDE="${crsInclude}" must match ${CRS_INCLUDE_PATTERN.source} (a path or glob of CRS rule files)`);
  const crsVersion = env.WAF_CRS_VERSION?.trim() || '4.28.0';
  if (!/^\d{1,2}\.\d{1,2}\.\d{1,2}$/.test(crsVersion)) throw new ConfigurationError(`WAF_CRS_VERSION="${crsVersion}" must be a CRS version like 4.28.0`);
  const catalogue = env.WAF_CRS_CATALOGUE?.trim();
  return {
    crsInclude,
    crsVersion,
    catalogue: catalogue ? readCatalogue(catalogue) : undefined,
    engineCheckCommand: env.WAF_ENGINE_CHECK_CMD?.trim() || undefined,
    engineCheckTimeoutMs: readPositiveInt(env, 'WAF_ENGINE_CHECK_TIMEOUT_MS', 30000),
    writeRateLimitPerMinute: readPositiveInt(env, 'WAF_RATE_LIMIT_WRITES_PER_MINUTE', DEFAULT_WRITE_RATE_LIMIT),
  };
}
