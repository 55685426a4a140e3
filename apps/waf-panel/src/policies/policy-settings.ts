import { crsSettingRefusal, settingsUnsupportedBy } from '@lib/waf';
import { byteOrder, type Checker, type Json, join } from '@lib/platform';
import { type MODES, PolicySettingsFields } from './policy.dto';
import { parseIpEntry } from '../common/ip';
import { checkIpList } from '../common/ip-list';

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

/** Each entry of a token list (already checked to be a list) matched, then normalised, de-duplicated and sorted. */
function tokenList(check: Checker, list: unknown[], path: string, pattern: RegExp, transform: (token: string) => string): string[] {
  const tokens = list.map((item, index) => {
    if (typeof item !== 'string' || !pattern.test(transform(item))) return check.fail(join(path, index), `must match ${pattern.source}`);
    return transform(item);
  });
  return [...new Set(tokens as string[])].sort(byteOrder);
}

/**
 * The full candidate settings (defaults, or the stored state, with the body merged over them)
 * checked field by field and normalised; undefined when anything failed.
 */
export function checkPolicySettings(check: Checker, candidate: Json, crsVersion: string, prefix = ''): PolicySettings | undefined {
  const at = (field: string) => join(prefix, field);
  const fields = check.fields(PolicySettingsFields, candidate, prefix) as PolicySettings | undefined;
  if (!fields) return undefined;
  const valid = (field: keyof PolicySettings) => !check.failed(at(field));
  const settings: PolicySettings = { ...fields, name: valid('name') ? fields.name.trim() : fields.name };
  if (valid('allowedMethods')) settings.allowedMethods = tokenList(check, fields.allowedMethods, at('allowedMethods'), METHOD, (token) => token);
  if (valid('allowedRequestContentTypes') && fields.allowedRequestContentTypes !== null) {
    const types = fields.allowedRequestContentTypes;
    settings.allowedRequestContentTypes = tokenList(check, types, at('allowedRequestContentTypes'), CONTENT_TYPE, (token) => token.toLowerCase());
  }
  // A switch the engine's CRS never reads would be rendered and silently ignored: refuse it.
  if (valid('earlyBlocking') && valid('skipResponseAnalysis')) {
    for (const field of settingsUnsupportedBy(crsVersion, settings)) check.fail(at(field), crsSettingRefusal(crsVersion));
  }
  const allow = valid('ipAllow') ? checkIpList(check, fields.ipAllow, at('ipAllow')) : undefined;
  const deny = valid('ipDeny') ? checkIpList(check, fields.ipDeny, at('ipDeny')) : undefined;
  if (allow && deny) {
    // The same canonical entry in both lists is a contradiction; a deny entry inside an allowed network is not (allow wins).
    const allowed = new Set(allow.map((entry) => entry.text));
    fields.ipDeny.forEach((raw, index) => {
      // A bad entry is named already; only well-formed ones can contradict ipAllow.
      if (typeof raw !== 'string') return;
      const parsed = parseIpEntry(raw);
      if ('entry' in parsed && allowed.has(parsed.entry.text)) check.fail(join(at('ipDeny'), index), 'is also in ipAllow');
    });
  }
  if (!check.ok) return undefined;
  return { ...settings, ipAllow: allow!.map((entry) => entry.text), ipDeny: deny!.map((entry) => entry.text) };
}
