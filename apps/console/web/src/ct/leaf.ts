import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, id_ce_subjectAltName, SubjectAlternativeName, TBSCertificate } from '@peculiar/asn1-x509';
import { Name, X509Certificate } from '@peculiar/x509';
import { toHex } from './merkle';

/** What a log entry says about its certificate, decoded in the browser. */
export interface DecodedEntry {
  readonly kind: 'certificate' | 'precertificate';
  readonly timestamp: Date;
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly sans: string[];
}

const uint = (bytes: Uint8Array, from: number, length: number) => bytes.slice(from, from + length).reduce((value, byte) => value * 256 + byte, 0);

function sansOf(extensions: TBSCertificate['extensions']): string[] {
  const san = extensions?.find((extension) => extension.extnID === id_ce_subjectAltName);
  if (!san) return [];
  return AsnConvert.parse(san.extnValue, SubjectAlternativeName).flatMap((name) => name.dNSName ?? name.iPAddress ?? name.rfc822Name ?? []);
}

/**
 * An RFC 6962 MerkleTreeLeaf (a TimestampedEntry of an X.509 certificate or a precertificate's
 * TBSCertificate) decoded; undefined for anything else (an events log's entries).
 */
export function decodeLeaf(leaf: Uint8Array): DecodedEntry | undefined {
  if (leaf.length < 15 || leaf[0] !== 0 || leaf[1] !== 0) return undefined;
  const timestamp = new Date(uint(leaf, 2, 8));
  const entryType = uint(leaf, 10, 2);
  if (entryType === 0) {
    const der = leaf.slice(15, 15 + uint(leaf, 12, 3));
    const certificate = new X509Certificate(der);
    return {
      kind: 'certificate',
      timestamp,
      subject: certificate.subject,
      issuer: certificate.issuer,
      serial: certificate.serialNumber,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      sans: sansOf(AsnConvert.parse(certificate.rawData, Certificate).tbsCertificate.extensions),
    };
  }
  if (entryType === 1) {
    const tbs = AsnConvert.parse(leaf.slice(47, 47 + uint(leaf, 44, 3)), TBSCertificate);
    return {
      kind: 'precertificate',
      timestamp,
      subject: new Name(AsnConvert.serialize(tbs.subject)).toString(),
      issuer: new Name(AsnConvert.serialize(tbs.issuer)).toString(),
      serial: toHex(new Uint8Array(tbs.serialNumber)),
      notBefore: tbs.validity.notBefore.getTime(),
      notAfter: tbs.validity.notAfter.getTime(),
      sans: sansOf(tbs.extensions),
    };
  }
  return undefined;
}
