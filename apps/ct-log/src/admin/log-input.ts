import { X509Certificate } from 'node:crypto';
import { Checker, type Json } from '@lib/platform';
import { decodeBase64Strict } from '../formats/base64';
import { CONFIG_RANGES, type LogConfig, type LogKind, SUBMISSION_POLICIES } from '../store/log-record';
import { type Certificate, parseCertificate } from '../submissions/certificate';

export const LOG_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_GRACE_S = 31_536_000;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export interface NewLog {
  name: string;
  kind: LogKind;
  key: string;
  description: string;
  notAfterStart: Date | null;
  notAfterLimit: Date | null;
  readOnlyGraceS: number;
  roots: Certificate[];
  config: Partial<LogConfig>;
}

/** Every bad field of a create request, named in one 422. */
export function checkNewLog(body: unknown): NewLog {
  const check = new Checker();
  const input =
    check.object(body, '', ['name', 'kind', 'key', 'description', 'not_after_start', 'not_after_limit', 'read_only_grace_s', 'roots', 'config']) ?? {};
  const name = check.string(input.name, 'name', {
    min: 1,
    max: 63,
    pattern: LOG_NAME,
    patternMessage: 'must be lowercase letters, digits and inner hyphens (1–63)',
  });
  const kind = check.oneOf(input.kind, 'kind', ['rfc6962', 'events'] as const);
  const key = check.string(input.key, 'key', { min: 1, max: 300 });
  const description = input.description === undefined ? '' : check.string(input.description, 'description', { max: 1000 });
  const window = checkWindow(check, input);
  const readOnlyGraceS = input.read_only_grace_s === undefined ? 604_800 : check.integer(input.read_only_grace_s, 'read_only_grace_s', 0, MAX_GRACE_S);
  let roots: Certificate[] = [];
  if (input.roots !== undefined) {
    if (kind === 'events') check.fail('roots', 'events logs take no roots');
    roots = (check.array(input.roots, 'roots', 0, 1000) ?? []).flatMap((item, i) => {
      const root = checkRoot(check, item, `roots[${i}]`);
      return root ? [root] : [];
    });
  }
  const config = input.config === undefined ? {} : checkConfig(check, input.config);
  check.done();
  return { name: name!, kind: kind!, key: key!, description: description!, ...window, readOnlyGraceS: readOnlyGraceS!, roots, config };
}

function checkWindow(check: Checker, input: Json): { notAfterStart: Date | null; notAfterLimit: Date | null } {
  if (input.not_after_start === undefined && input.not_after_limit === undefined) return { notAfterStart: null, notAfterLimit: null };
  const start = isoDate(check, input.not_after_start, 'not_after_start');
  const limit = isoDate(check, input.not_after_limit, 'not_after_limit');
  if (start && limit && start >= limit) check.fail('not_after_limit', 'must be later than not_after_start');
  return { notAfterStart: start ?? null, notAfterLimit: limit ?? null };
}

export function isoDate(check: Checker, value: unknown, path: string): Date | undefined {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value) || Number.isNaN(Date.parse(value)))
    return check.fail(path, 'must be an ISO-8601 date-time with an offset');
  return new Date(value);
}

/** A CA certificate given as base64 DER or PEM. */
export function checkRoot(check: Checker, value: unknown, path: string): Certificate | undefined {
  if (typeof value !== 'string') return check.fail(path, 'must be a base64 DER or PEM certificate');
  let der = decodeBase64Strict(value.trim());
  if (!der && value.includes('-----BEGIN CERTIFICATE-----')) {
    try {
      der = Buffer.from(new X509Certificate(value).raw);
    } catch {
      der = undefined;
    }
  }
  const certificate = der ? parseCertificate(der) : undefined;
  if (!certificate) return check.fail(path, 'is not a certificate');
  if (!certificate.isCa) return check.fail(path, 'is not a CA certificate');
  return certificate;
}

/** The configuration ranges; `retry_after_s` is [min, max]. */
export function checkConfig(check: Checker, value: unknown): Partial<LogConfig> {
  const input = check.object(value, 'config', [...Object.keys(CONFIG_RANGES), 'submission']) ?? {};
  const out: Partial<LogConfig> = {};
  if (input.submission !== undefined) out.submission = check.oneOf(input.submission, 'config.submission', SUBMISSION_POLICIES);
  for (const [key, [min, max]] of Object.entries(CONFIG_RANGES) as Array<[keyof typeof CONFIG_RANGES, [number, number]]>) {
    if (input[key] === undefined) continue;
    if (key === 'retry_after_s') {
      const pair = check.array(input[key], 'config.retry_after_s', 2, 2);
      const low = pair && check.integer(pair[0], 'config.retry_after_s[0]', min, max);
      const high = pair && check.integer(pair[1], 'config.retry_after_s[1]', min, max);
      if (low !== undefined && high !== undefined && low > high) check.fail('config.retry_after_s', 'must be [min, max] with min ≤ max');
      else if (low !== undefined && high !== undefined) out.retry_after_s = [low, high];
    } else {
      const number = check.integer(input[key], `config.${key}`, min, max);
      if (number !== undefined) (out as Record<string, number>)[key] = number;
    }
  }
  return out;
}
