import { X509Certificate } from 'node:crypto';
import { Checker, integerProblem } from '@lib/platform';
import { CreateLogBody, type LogConfigBody } from './log.dto';
import { decodeBase64Strict } from '../formats/base64';
import { CONFIG_RANGES, type LogConfig, type LogKind } from '../store/log-record';
import { type Certificate, parseCertificate } from '../submissions/certificate';

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
  const input = check.fields(CreateLogBody, body);
  const roots =
    Array.isArray(input?.roots) && input.roots.length <= 1000
      ? input.roots.flatMap((item, i) => {
          const root = checkRoot(check, item, `roots[${i}]`);
          return root ? [root] : [];
        })
      : [];
  const config = input?.config ? checkConfig(check, input.config) : {};
  check.done();
  const date = (value: string | undefined) => (value === undefined ? null : new Date(value));
  return {
    name: input!.name,
    kind: input!.kind,
    key: input!.key,
    description: input!.description ?? '',
    notAfterStart: date(input!.not_after_start),
    notAfterLimit: date(input!.not_after_limit),
    readOnlyGraceS: input!.read_only_grace_s ?? 604_800,
    roots,
    config,
  };
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

/** The configuration (its fields passed their rules); `retry_after_s` is [min, max], each checked. */
export function checkConfig(check: Checker, input: LogConfigBody): Partial<LogConfig> {
  const { retry_after_s: pair, ...out } = input as Partial<LogConfig>;
  if (pair === undefined || check.failed('config.retry_after_s')) return out;
  const [min, max] = CONFIG_RANGES.retry_after_s;
  pair.forEach((value, index) => {
    const problem = integerProblem(value, min, max);
    if (problem) check.fail(`config.retry_after_s[${index}]`, problem);
  });
  if (check.failed('config.retry_after_s')) return out;
  if (pair[0] > pair[1]) {
    check.fail('config.retry_after_s', 'must be [min, max] with min ≤ max');
    return out;
  }
  return { ...out, retry_after_s: [pair[0], pair[1]] };
}
