import { X509Certificate } from 'node:crypto';
import { Lru } from '../common/lru';
import { sha256 } from '../merkle/hash';
import { children, DerError, encodeTlv, oidContent, readTlv, slice, type Tlv } from './der';

export const OID = {
  poison: oidContent('1.3.6.1.4.1.11129.2.4.3'),
  precertSigning: oidContent('1.3.6.1.4.1.11129.2.4.4'),
  sctList: oidContent('1.3.6.1.4.1.11129.2.4.2'),
  authorityKeyId: oidContent('2.5.29.35'),
  extendedKeyUsage: oidContent('2.5.29.37'),
};

export interface Extension {
  readonly oid: Buffer;
  readonly critical: boolean;
  /** The extnValue OCTET STRING's content. */
  readonly value: Buffer;
  /** The whole Extension TLV, for verbatim copying. */
  readonly der: Buffer;
}

/** One submitted certificate: Node's view plus the raw TBS pieces the precert rules need. */
export class Certificate {
  readonly x509: X509Certificate;
  readonly fingerprint: Buffer;
  /** The TBSCertificate's fields as raw TLVs, in order. */
  readonly tbsFields: Buffer[];
  private readonly fieldTags: number[];
  readonly extensions: Extension[];

  constructor(
    readonly der: Buffer,
    /** SHA-256 of `der`, when the caller has it already. */
    fingerprint = sha256(der),
  ) {
    const outer = readTlv(der, 0);
    if (outer.tag !== 0x30 || outer.end !== der.length) throw new DerError('not exactly one DER certificate');
    const [tbs] = children(der, outer);
    if (!tbs || tbs.tag !== 0x30) throw new DerError('no TBSCertificate');
    const fields = children(der, tbs);
    this.tbsFields = fields.map((f) => slice(der, f));
    this.fieldTags = fields.map((f) => f.tag);
    const extensionsField = fields.find((f) => f.tag === 0xa3);
    this.extensions = extensionsField ? parseExtensions(der, extensionsField) : [];
    this.x509 = new X509Certificate(der);
    this.fingerprint = fingerprint;
  }

  extension(oid: Buffer): Extension | undefined {
    return this.extensions.find((e) => e.oid.equals(oid));
  }

  get isCa(): boolean {
    return this.x509.ca;
  }

  get notAfter(): Date {
    return new Date(this.x509.validTo);
  }

  get notBefore(): Date {
    return new Date(this.x509.validFrom);
  }

  /** The issuer Name TLV. */
  get issuerName(): Buffer {
    return this.tbsFields[this.fieldIndex(3)];
  }

  get spki(): Buffer {
    return this.tbsFields[this.fieldIndex(6)];
  }

  /** True when `issuer` names and signed this certificate. */
  issuedBy(issuer: Certificate): boolean {
    return this.x509.checkIssued(issuer.x509) && this.x509.verify(issuer.x509.publicKey);
  }

  hasEku(oid: Buffer): boolean {
    const eku = this.extension(OID.extendedKeyUsage);
    if (!eku) return false;
    const sequence = readTlv(eku.value, 0);
    return children(eku.value, sequence).some((tlv) => tlv.tag === 0x06 && eku.value.subarray(tlv.contentStart, tlv.end).equals(oid));
  }

  /**
   * The precertificate TBS of RFC 6962 §3.2: the poison removed and, for a Precertificate Signing
   * Certificate, its issuer and AuthorityKeyIdentifier substituted; every other byte verbatim.
   */
  precertTbs(signingCertificate?: Certificate): Buffer {
    const fields = this.tbsFields.slice();
    if (signingCertificate) fields[this.fieldIndex(3)] = signingCertificate.issuerName;
    const extensionsAt = this.fieldTags.indexOf(0xa3);
    const signerAki = signingCertificate?.extension(OID.authorityKeyId);
    const kept = this.extensions
      .filter((e) => !e.oid.equals(OID.poison))
      .flatMap((e) => (signingCertificate && e.oid.equals(OID.authorityKeyId) ? (signerAki ? [signerAki.der] : []) : [e.der]));
    if (extensionsAt >= 0) {
      if (kept.length > 0) fields[extensionsAt] = encodeTlv(0xa3, encodeTlv(0x30, Buffer.concat(kept)));
      else fields.splice(extensionsAt, 1);
    }
    return encodeTlv(0x30, Buffer.concat(fields));
  }

  /** Position of a field counted as if the optional [0] version were present. */
  private fieldIndex(withVersion: number): number {
    return this.fieldTags[0] === 0xa0 ? withVersion : withVersion - 1;
  }
}

function parseExtensions(der: Buffer, field: Tlv): Extension[] {
  const [sequence] = children(der, field);
  if (!sequence || sequence.tag !== 0x30) throw new DerError('malformed extensions');
  return children(der, sequence).map((extension) => {
    const parts = children(der, extension);
    const oid = parts[0];
    const critical = parts.length === 3 && parts[1].tag === 0x01 && der[parts[1].contentStart] !== 0;
    const value = parts[parts.length - 1];
    if (oid?.tag !== 0x06 || value.tag !== 0x04) throw new DerError('malformed extension');
    return { oid: der.subarray(oid.contentStart, oid.end), critical, value: der.subarray(value.contentStart, value.end), der: slice(der, extension) };
  });
}

/**
 * Parsed certificates by fingerprint. Nearly every submission carries the same intermediates and
 * is checked against the same roots, and parsing is the costliest step of a submission (X.509
 * decoding was 15 % of the service's CPU under load); a Certificate never changes once parsed.
 */
const PARSED = new Lru<Certificate>(1024);

/** A certificate from DER, or undefined when it is not exactly one parsable certificate. */
export function parseCertificate(der: Buffer): Certificate | undefined {
  const fingerprint = sha256(der);
  const key = fingerprint.toString('hex');
  const cached = PARSED.get(key);
  if (cached) return cached;
  try {
    const certificate = new Certificate(der, fingerprint);
    PARSED.set(key, certificate);
    return certificate;
  } catch {
    return undefined;
  }
}
