import { sha256 } from '../merkle/hash';
import { CtError } from '../common/ct-error';
import { decodeBase64Strict } from '../formats/base64';
import { identityHash, PRECERT_ENTRY, signedEntry, X509_ENTRY, type EntryType } from '../formats/rfc6962-leaf';
import { type Certificate, OID, parseCertificate } from './certificate';

export const MAX_CERTIFICATE_BYTES = 65_536;
const LOW_PRIORITY_AGE_MS = 48 * 3600 * 1000;

export interface AcceptedRoot {
  readonly fingerprint: Buffer;
  readonly certificate: Certificate;
}

export interface ValidationPolicy {
  readonly roots: readonly AcceptedRoot[];
  readonly maxChainLength: number;
  readonly notAfterStart: Date | null;
  readonly notAfterLimit: Date | null;
  readonly now: Date;
}

/** A validated submission: what the sequencer stores. */
export interface ValidatedChain {
  readonly entryType: EntryType;
  readonly signedEntry: Buffer;
  readonly identityHash: Buffer;
  /** `chain[1..]` plus the accepted root when the submitter omitted it. */
  readonly issuers: readonly Certificate[];
  /** The precertificate DER (add-pre-chain only). */
  readonly precertificate: Buffer | null;
  readonly notAfter: Date;
  /** An embedded SCT list or a NotBefore more than 48 h old. */
  readonly lowPriority: boolean;
}

const bad = (code: 'badChain' | 'badCertificate' | 'badType' | 'unknownAnchor' | 'badSubmission' | 'malformed', message: string) =>
  new CtError(400, code, message);

/** `add-chain` (`precert` false) and `add-pre-chain` (`precert` true). */
export function validateChain(body: unknown, precert: boolean, policy: ValidationPolicy): ValidatedChain {
  const chain = (body as { chain?: unknown } | null)?.chain;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(chain))
    throw bad('malformed', 'the body must be {"chain": [base64 DER, ...]}');
  if (chain.length < 1 || chain.length > policy.maxChainLength) throw bad('badChain', `chain must have 1 to ${policy.maxChainLength} certificates`);
  const certificates = chain.map((item, i) => {
    const der = decodeBase64Strict(item);
    // RFC 6962 clients tell input they cannot decode (malformed) from a certificate the log will not take (badCertificate).
    if (!der) throw bad('malformed', `chain[${i}] is not strict base64`);
    if (der.length > MAX_CERTIFICATE_BYTES) throw bad('badCertificate', `chain[${i}] is larger than ${MAX_CERTIFICATE_BYTES} bytes`);
    const certificate = parseCertificate(der);
    if (!certificate) throw bad('badCertificate', `chain[${i}] is not exactly one DER X.509 certificate`);
    return certificate;
  });
  const leaf = certificates[0];
  const poison = leaf.extension(OID.poison);
  if (precert && !poison?.critical) throw bad('badType', 'add-pre-chain needs a precertificate (critical poison extension)');
  if (!precert && poison) throw bad('badType', 'add-chain does not take precertificates; use add-pre-chain');

  const anchored = anchor(certificates, policy.roots);
  // A Precertificate Signing Certificate at position 1 stands in for the issuer; it needs its own issuer after it.
  const signer = precert && anchored[1]?.hasEku(OID.precertSigning) ? anchored[1] : undefined;
  if (signer && anchored.length < 3) throw bad('badChain', 'a Precertificate Signing Certificate needs its issuer in the chain');
  const notAfter = leaf.notAfter;
  if ((policy.notAfterStart && notAfter < policy.notAfterStart) || (policy.notAfterLimit && notAfter >= policy.notAfterLimit)) {
    throw bad('badSubmission', `the certificate's NotAfter ${notAfter.toISOString()} is outside this log's window`);
  }

  const entryType: EntryType = precert ? PRECERT_ENTRY : X509_ENTRY;
  const entry = precert
    ? signedEntry(PRECERT_ENTRY, { issuerKeyHash: sha256((signer ? anchored[2] : anchored[1]).spki), tbs: leaf.precertTbs(signer) })
    : signedEntry(X509_ENTRY, { certificate: leaf.der });
  return {
    entryType,
    signedEntry: entry,
    identityHash: identityHash(entryType, entry),
    issuers: anchored.slice(1),
    precertificate: precert ? leaf.der : null,
    notAfter,
    lowPriority: leaf.extension(OID.sctList) !== undefined || policy.now.getTime() - leaf.notBefore.getTime() > LOW_PRIORITY_AGE_MS,
  };
}

/**
 * Validates each link of the submitted chain up to its first accepted root (nothing may follow
 * it), then anchors it: the chain with the root that issued its last element appended if absent.
 */
function anchor(certificates: Certificate[], roots: readonly AcceptedRoot[]): Certificate[] {
  const isRoot = (c: Certificate) => roots.some((root) => root.fingerprint.equals(c.fingerprint));
  const rootAt = certificates.findIndex((c, i) => i >= 1 && isRoot(c));
  if (rootAt >= 0 && rootAt < certificates.length - 1) throw bad('badChain', `chain[${rootAt}] is an accepted root; nothing may follow it`);
  const precertSigner = certificates[0].extension(OID.poison) !== undefined && certificates[1]?.hasEku(OID.precertSigning);
  for (let i = 0; i + 1 < certificates.length; i++) {
    const issuer = certificates[i + 1];
    if (!certificates[i].issuedBy(issuer)) throw bad('badChain', `chain[${i + 1}] did not issue chain[${i}]`);
    if (!issuer.isCa && !(precertSigner && i + 1 === 1)) throw bad('badChain', `chain[${i + 1}] is not a CA certificate`);
  }
  if (rootAt >= 0) return certificates;
  const last = certificates[certificates.length - 1];
  const root = roots.find((r) => last.issuedBy(r.certificate));
  if (!root) throw bad('unknownAnchor', 'no accepted root of this log issued the chain');
  return [...certificates, root.certificate];
}
