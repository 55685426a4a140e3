import { canonicalJson, Checker, CONTROL, isObject, type Json } from '@lib/platform';
import { isoDateProblem } from '../formats/iso-date';
import { reasonCode, RegisterCertificateBody, REVOCATION_REASONS, RevokeBody } from './certificate.dto';
import { decodeBase64Strict } from '../formats/base64';
import { type CertType } from '../formats/event-leaf';
import { type CertificateFacts, CertificateFactsError, readCertificateFacts } from './certificate-facts';

const MAX_PEM_CHARS = 100_000;
const MAX_DER_BYTES = 65_536;
const MAX_REQUESTER_INFO_BYTES = 4096;
const PEM = /^\s*-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END CERTIFICATE-----\s*$/;

export const reasonName = (code: number): string => Object.keys(REVOCATION_REASONS).find((name) => REVOCATION_REASONS[name] === code) ?? String(code);

export interface RegistrationInput {
  readonly facts: CertificateFacts;
  readonly certType: CertType;
  readonly purpose: string;
  readonly issuedAt: Date | null;
  readonly issuingUserId: string | null;
  readonly requesterInfo: Json | null;
}

/** Every bad field of a registration, named in one 422. */
export function checkRegistration(body: unknown): RegistrationInput {
  const check = new Checker();
  const input = check.fields(RegisterCertificateBody, body);
  const facts = input && checkPem(check, input.certificate_pem);
  const requesterInfo = input?.requester_info === undefined ? null : checkRequesterInfo(check, input.requester_info);
  check.done();
  return {
    facts: facts!,
    certType: input!.certificate_type,
    purpose: input!.certificate_purpose ?? '',
    issuedAt: input!.issued_at === undefined ? null : new Date(input!.issued_at),
    issuingUserId: input!.issuing_user_id ?? null,
    requesterInfo: requesterInfo ?? null,
  };
}

function checkPem(check: Checker, value: unknown): CertificateFacts | undefined {
  const path = 'certificate_pem';
  if (typeof value !== 'string') return check.fail(path, 'must be a string');
  if (value.length > MAX_PEM_CHARS) return check.fail(path, `must be at most ${MAX_PEM_CHARS} characters`);
  const match = PEM.exec(value);
  if (!match) return check.fail(path, 'must be exactly one CERTIFICATE PEM block and nothing else');
  const der = decodeBase64Strict(match[1].replace(/\r?\n/g, ''));
  if (!der) return check.fail(path, 'has a PEM body that is not base64');
  if (der.length > MAX_DER_BYTES) return check.fail(path, `must hold at most ${MAX_DER_BYTES} bytes of DER`);
  try {
    return readCertificateFacts(der);
  } catch (error) {
    if (error instanceof CertificateFactsError) return check.fail(path, error.message);
    throw error;
  }
}

/** Values: string (≤ 512), number, boolean, null or an object of the same (two levels in all). */
function checkRequesterInfo(check: Checker, value: unknown): Json | undefined {
  const path = 'requester_info';
  const before = check.errors.length;
  const walk = (node: unknown, at: string, depth: number): void => {
    if (typeof node === 'string') {
      if (node.length > 512) check.fail(at, 'must be at most 512 characters');
    } else if (isObject(node)) {
      if (depth > 2) check.fail(at, 'nests too deep (objects at most two levels)');
      else for (const [key, child] of Object.entries(node)) walk(child, `${at}.${key}`, depth + 1);
    } else if (!(node === null || typeof node === 'boolean' || (typeof node === 'number' && Number.isFinite(node)))) {
      check.fail(at, 'must be a string, number, boolean, null or object');
    }
  };
  if (!isObject(value)) return check.fail(path, 'must be an object');
  walk(value, path, 1);
  if (check.errors.length > before) return undefined;
  if (Buffer.byteLength(canonicalJson(value), 'utf8') > MAX_REQUESTER_INFO_BYTES)
    return check.fail(path, `must be at most ${MAX_REQUESTER_INFO_BYTES} bytes as canonical JSON`);
  return value;
}

export interface RevocationInput {
  readonly reason: number;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
}

/** Reason by name or number; 7 and removeFromCRL (8) refused. */
export function checkRevocation(body: unknown): RevocationInput {
  const check = new Checker();
  const input = check.fields(RevokeBody, body);
  check.done();
  return {
    reason: reasonCode(input!.reason)!,
    revokedAt: input!.revoked_at === undefined ? null : new Date(input!.revoked_at),
    revokedBy: input!.revoked_by ?? null,
  };
}

/** Raw query parameters: each at most once, unknown ones named. */
export class QueryReader {
  readonly check = new Checker('query');

  constructor(
    private readonly query: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(query)) if (!allowed.includes(key)) this.check.fail(key, 'is not an accepted parameter');
  }

  has(name: string): boolean {
    return this.query[name] !== undefined;
  }

  string(name: string, min: number, max: number): string | undefined {
    const value = this.query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.check.fail(name, 'must be given once');
    if (CONTROL.test(value)) return this.check.fail(name, 'must not contain control characters');
    if (value.length < min || value.length > max) return this.check.fail(name, `must be ${min}–${max} characters`);
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.string(name, 1, 5);
    if (value === undefined) return fallback;
    if (value !== 'true' && value !== 'false') return this.check.fail(name, 'must be true or false') ?? fallback;
    return value === 'true';
  }

  integer(name: string, min: number, max: number, fallback: number): number {
    const value = this.string(name, 1, 10);
    if (value === undefined) return fallback;
    const number = /^[0-9]+$/.test(value) ? Number(value) : NaN;
    if (!(number >= min && number <= max)) return this.check.fail(name, `must be an integer between ${min} and ${max}`) ?? fallback;
    return number;
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.string(name, 1, 64);
    if (value === undefined) return fallback;
    return this.member(name, value, choices) ?? fallback;
  }

  /** `value` (read already) as one of `choices`. */
  member<T extends string>(name: string, value: string, choices: readonly T[]): T | undefined {
    if ((choices as readonly string[]).includes(value)) return value as T;
    return this.check.fail(name, `must be one of: ${choices.join(', ')}`);
  }

  date(name: string): string | undefined {
    const value = this.string(name, 1, 64);
    if (value === undefined) return undefined;
    const problem = isoDateProblem(value);
    return problem ? this.check.fail(name, problem) : new Date(value).toISOString();
  }
}
