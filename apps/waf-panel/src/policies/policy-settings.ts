import { crsSettingRefusal, settingsUnsupportedBy } from '../common/crs-version';
import { byteOrder, type Checker, type Json, join } from '@lib/platform';
import { parseIpEntry } from '../common/ip';
import { checkIpList } from '../common/ip-list';

export const MODES = ['off', 'detection_only', 'blocking'] as const;
export type Mode = (typeof MODES)[number];

/** A policy's own settings: everything but its children. */
export interface PolicySettings {
  name: string;
  description: string;
  mode: Mode;
  blockingParanoiaLevel: number;
  detectionParanoiaLevel: number | null;
  inboundAnomalyThreshold: number;
  outboundAnomalyThreshold: number;
  earlyBlocking: boolean;
  enforceUrlencodedBodyProcessor: boolean;
  skipResponseAnalysis: boolean;
  allowedMethods: string[];
  allowedRequestContentTypes: string[] | null;
  requestBodyLimitBytes: number;
  maxNumArgs: number | null;
  argNameLength: number | null;
  argLength: number | null;
  totalArgLength: number | null;
  maxFileSize: number | null;
  combinedFileSizes: number | null;
  ipAllow: string[];
  ipDeny: string[];
}

/** The optional CRS limits: field, bounds, CRS setup id and variable (bundle part 2). */
export const CRS_LIMITS = [
  { field: 'maxNumArgs', max: 10000, id: 900300, variable: 'tx.max_num_args' },
  { field: 'argNameLength', max: 10000, id: 900310, variable: 'tx.arg_name_length' },
  { field: 'argLength', max: 1000000, id: 900320, variable: 'tx.arg_length' },
  { field: 'totalArgLength', max: 100000000, id: 900330, variable: 'tx.total_arg_length' },
  { field: 'maxFileSize', max: 1073741824, id: 900340, variable: 'tx.max_file_size' },
  { field: 'combinedFileSizes', max: 1073741824, id: 900350, variable: 'tx.combined_file_sizes' },
] as const;

export const POLICY_DEFAULTS: Omit<PolicySettings, 'name'> = {
  description: '',
  mode: 'detection_only',
  blockingParanoiaLevel: 1,
  detectionParanoiaLevel: null,
  inboundAnomalyThreshold: 5,
  outboundAnomalyThreshold: 4,
  earlyBlocking: false,
  enforceUrlencodedBodyProcessor: false,
  skipResponseAnalysis: false,
  allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'],
  allowedRequestContentTypes: null,
  requestBodyLimitBytes: 13107200,
  maxNumArgs: null,
  argNameLength: null,
  argLength: null,
  totalArgLength: null,
  maxFileSize: null,
  combinedFileSizes: null,
  ipAllow: [],
  ipDeny: [],
};

export const SETTINGS_FIELDS = ['name', ...Object.keys(POLICY_DEFAULTS)] as (keyof PolicySettings)[];
const METHOD = /^[A-Z]{1,20}$/;
const CONTENT_TYPE = /^[a-z0-9][a-z0-9.+-]{0,62}\/[a-z0-9][a-z0-9.+-]{0,62}$/;

function tokenList(check: Checker, value: unknown, path: string, max: number, pattern: RegExp, transform: (token: string) => string): string[] | undefined {
  const list = check.array(value, path, 1, max);
  if (!list) return undefined;
  const tokens = list.map((item, index) => {
    if (typeof item !== 'string' || !pattern.test(transform(item))) return check.fail(join(path, index), `must match ${pattern.source}`);
    return transform(item);
  });
  if (tokens.some((token) => token === undefined)) return undefined;
  return [...new Set(tokens as string[])].sort(byteOrder);
}

const nullableInt = (check: Checker, value: unknown, path: string, min: number, max: number) => (value === null ? null : check.integer(value, path, min, max));

/**
 * The full candidate settings (defaults, or the stored state, with the body merged over them)
 * checked field by field and normalised; undefined when anything failed.
 */
export function checkPolicySettings(check: Checker, candidate: Json, crsVersion: string, prefix = ''): PolicySettings | undefined {
  const at = (field: string) => join(prefix, field);
  const name = candidate.name === undefined ? check.fail(at('name'), 'is required') : check.string(candidate.name, at('name'), { max: 1000 });
  const trimmed = name?.trim();
  if (trimmed !== undefined && (trimmed.length < 1 || trimmed.length > 100)) check.fail(at('name'), 'must be 1–100 characters after trimming');
  const blocking = check.integer(candidate.blockingParanoiaLevel, at('blockingParanoiaLevel'), 1, 4);
  const detection = nullableInt(check, candidate.detectionParanoiaLevel, at('detectionParanoiaLevel'), 1, 4);
  if (blocking !== undefined && typeof detection === 'number' && detection < blocking) {
    check.fail(at('detectionParanoiaLevel'), 'must be at least blockingParanoiaLevel (or null to follow it)');
    check.fail(at('blockingParanoiaLevel'), 'must not exceed detectionParanoiaLevel');
  }
  const settings: Json = {
    name: trimmed,
    description: check.string(candidate.description, at('description'), { max: 1000 }),
    mode: check.oneOf(candidate.mode, at('mode'), MODES),
    blockingParanoiaLevel: blocking,
    detectionParanoiaLevel: detection,
    inboundAnomalyThreshold: check.integer(candidate.inboundAnomalyThreshold, at('inboundAnomalyThreshold'), 1, 10000),
    outboundAnomalyThreshold: check.integer(candidate.outboundAnomalyThreshold, at('outboundAnomalyThreshold'), 1, 10000),
    earlyBlocking: check.boolean(candidate.earlyBlocking, at('earlyBlocking')),
    enforceUrlencodedBodyProcessor: check.boolean(candidate.enforceUrlencodedBodyProcessor, at('enforceUrlencodedBodyProcessor')),
    skipResponseAnalysis: check.boolean(candidate.skipResponseAnalysis, at('skipResponseAnalysis')),
    allowedMethods: tokenList(check, candidate.allowedMethods, at('allowedMethods'), 20, METHOD, (token) => token),
    allowedRequestContentTypes:
      candidate.allowedRequestContentTypes === null
        ? null
        : tokenList(check, candidate.allowedRequestContentTypes, at('allowedRequestContentTypes'), 50, CONTENT_TYPE, (token) => token.toLowerCase()),
    requestBodyLimitBytes: check.integer(candidate.requestBodyLimitBytes, at('requestBodyLimitBytes'), 1024, 1073741824),
    ...Object.fromEntries(CRS_LIMITS.map((limit) => [limit.field, nullableInt(check, candidate[limit.field], at(limit.field), 1, limit.max)])),
  };
  // A switch the engine's CRS never reads would be rendered and silently ignored: refuse it.
  if (settings.earlyBlocking !== undefined && settings.skipResponseAnalysis !== undefined) {
    for (const field of settingsUnsupportedBy(crsVersion, settings as { earlyBlocking: boolean; skipResponseAnalysis: boolean }))
      check.fail(at(field), crsSettingRefusal(crsVersion));
  }
  const allow = checkIpList(check, candidate.ipAllow, at('ipAllow'), 0, 1000);
  const deny = checkIpList(check, candidate.ipDeny, at('ipDeny'), 0, 1000);
  if (allow && deny) {
    // The same canonical entry in both lists is a contradiction; a deny entry inside an allowed network is not (allow wins).
    const allowed = new Set(allow.map((entry) => entry.text));
    (candidate.ipDeny as unknown[]).forEach((raw, index) => {
      // A bad entry is named already; only well-formed ones can contradict ipAllow.
      if (typeof raw !== 'string') return;
      const parsed = parseIpEntry(raw);
      if ('entry' in parsed && allowed.has(parsed.entry.text)) check.fail(join(at('ipDeny'), index), 'is also in ipAllow');
    });
  }
  if (!check.ok) return undefined;
  return { ...(settings as unknown as PolicySettings), ipAllow: allow!.map((entry) => entry.text), ipDeny: deny!.map((entry) => entry.text) };
}
