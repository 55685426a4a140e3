import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate as AsnCertificate, id_ce_subjectAltName, type Name, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { sha256 } from '../merkle/hash';

/** What the audit API shows of a certificate, read once when it is logged. */
export interface CertificateFacts {
  readonly der: Buffer;
  readonly fingerprint: Buffer;
  readonly serial: string;
  readonly subject: { dn: string; cn: string | null; o: string | null; ou: string | null; c: string | null; st: string | null; l: string | null };
  readonly issuer: { dn: string; cn: string | null; o: string | null };
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DNS names lower-cased: they compare case-insensitively, and the exact filter uses the stored form. */
  readonly san: { dns: string[]; ip: string[]; email: string[] };
  readonly keyAlgorithm: string;
  readonly keySize: number | null;
  readonly signatureAlgorithm: string;
}

export class CertificateFactsError extends Error {}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

const KEY_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
};

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassa-pss',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256 };

/** Facts of one DER certificate; a certificate OpenSSL cannot load or with a negative serial is refused. */
export function readCertificateFacts(der: Buffer): CertificateFacts {
  let parsed: AsnCertificate;
  let node: X509Certificate;
  let san: CertificateFacts['san'];
  try {
    parsed = AsnConvert.parse(der, AsnCertificate);
    node = new X509Certificate(der);
    san = subjectAltNames(parsed);
  } catch {
    throw new CertificateFactsError('is not a parsable X.509 certificate');
  }
  const tbs = parsed.tbsCertificate;
  const serialBytes = Buffer.from(tbs.serialNumber);
  if (serialBytes.length > 0 && serialBytes[0] & 0x80) throw new CertificateFactsError('has a negative serial number');
  const subject = nameParts(tbs.subject);
  const issuer = nameParts(tbs.issuer);
  const details = node.publicKey.asymmetricKeyDetails ?? {};
  const keyOid = tbs.subjectPublicKeyInfo.algorithm.algorithm;
  const signatureOid = parsed.signatureAlgorithm.algorithm;
  return {
    der,
    fingerprint: sha256(der),
    serial: formatSerial(serialBytes),
    subject: {
      dn: subject.dn,
      cn: subject.first('CN'),
      o: subject.first('O'),
      ou: subject.first('OU'),
      c: subject.first('C'),
      st: subject.first('ST'),
      l: subject.first('L'),
    },
    issuer: { dn: issuer.dn, cn: issuer.first('CN'), o: issuer.first('O') },
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    san,
    keyAlgorithm: KEY_ALGORITHMS[keyOid] ?? keyOid,
    keySize:
      details.modulusLength ??
      (details.namedCurve ? (CURVE_BITS[details.namedCurve] ?? null) : keyOid === '1.3.101.112' ? 256 : keyOid === '1.3.101.113' ? 456 : null),
    signatureAlgorithm: SIGNATURE_ALGORITHMS[signatureOid] ?? signatureOid,
  };
}

/** Uppercase hex of the positive integer, minimal, padded to an even length ("00" for zero). */
export function formatSerial(integerContent: Buffer): string {
  const hex = integerContent.toString('hex').replace(/^0+/, '').toUpperCase();
  return hex.length === 0 ? '00' : hex.length % 2 ? `0${hex}` : hex;
}

/** A serial as a client writes it (any case, `:` separators, leading zeros), or undefined. */
export function normaliseSerial(input: string): string | undefined {
  const hex = input.replace(/:/g, '');
  if (!/^[0-9a-fA-F]{1,256}$/.test(hex)) return undefined;
  return formatSerial(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
}

/** A fingerprint as a client writes it (any case, `:` separators), or undefined. */
export function normaliseFingerprint(input: string): Buffer | undefined {
  const hex = input.replace(/:/g, '');
  return /^[0-9a-fA-F]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

export const fingerprintHex = (fingerprint: Buffer): string => fingerprint.toString('hex').toUpperCase();

/** The RFC 4514 string (last RDN first) and the first value of each attribute. */
function nameParts(name: Name): { dn: string; first(attribute: string): string | null } {
  const rdns = name.map((rdn) => rdn.map((atv) => ({ type: ATTRIBUTE_NAMES[atv.type] ?? atv.type, value: atv.value.toString() })));
  const dn = rdns
    .slice()
    .reverse()
    .map((rdn) => rdn.map((atv) => `${atv.type}=${escapeDnValue(atv.value)}`).join('+'))
    .join(',');
  return { dn, first: (attribute) => rdns.flat().find((atv) => atv.type === attribute)?.value ?? null };
}

function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}

function subjectAltNames(certificate: AsnCertificate): CertificateFacts['san'] {
  const san = { dns: [] as string[], ip: [] as string[], email: [] as string[] };
  const extension = certificate.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_subjectAltName);
  if (!extension) return san;
  for (const name of AsnConvert.parse(extension.extnValue.buffer, SubjectAlternativeName)) {
    if (name.dNSName !== undefined) san.dns.push(name.dNSName.toLowerCase());
    else if (name.iPAddress !== undefined) san.ip.push(name.iPAddress);
    else if (name.rfc822Name !== undefined) san.email.push(name.rfc822Name);
  }
  return san;
}
