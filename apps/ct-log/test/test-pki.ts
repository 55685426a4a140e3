import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const POISON = '1.3.6.1.4.1.11129.2.4.3';
export const PRECERT_SIGNING_EKU = '1.3.6.1.4.1.11129.2.4.4';
const DAY = 86_400_000;
let serial = 1;

export interface Issued {
  readonly cert: x509.X509Certificate;
  readonly keys: webcrypto.CryptoKeyPair;
  readonly der: Buffer;
  readonly b64: string;
  readonly pem: string;
}

function wrap(cert: x509.X509Certificate, keys: webcrypto.CryptoKeyPair): Issued {
  const der = Buffer.from(cert.rawData);
  return { cert, keys, der, b64: der.toString('base64'), pem: cert.toString('pem') };
}

const nextSerial = () => (serial++).toString(16).padStart(4, '0');

/** A self-signed root CA generated in the test (never downloaded). */
export async function createRoot(name = 'Test Root'): Promise<Issued> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name: `CN=${name}, O=CT Test`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return wrap(cert, keys);
}

export interface LeafOptions {
  cn?: string;
  ca?: boolean;
  precert?: boolean;
  eku?: string[];
  notBefore?: Date;
  notAfter?: Date;
  dns?: string[];
  /** Hex serial; the default counts up. */
  serial?: string;
  /** Full subject DN; the default is `CN=<cn>`. */
  subject?: string;
}

/** A certificate signed by `issuer`: a leaf, an intermediate (`ca`), or a precertificate. */
export async function issue(issuer: Issued, options: LeafOptions = {}): Promise<Issued> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(options.ca ?? false, undefined, true)];
  if (options.ca) extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true));
  if (options.eku) extensions.push(new x509.ExtendedKeyUsageExtension(options.eku));
  extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.cert, false));
  if (options.dns) extensions.push(new x509.SubjectAlternativeNameExtension(options.dns.map((value) => ({ type: 'dns' as const, value }))));
  if (options.precert) extensions.push(new x509.Extension(POISON, true, new Uint8Array([0x05, 0x00])));
  const cn = options.cn ?? `leaf-${serial}.example.com`;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: options.serial ?? nextSerial(),
    subject: options.subject ?? `CN=${cn}`,
    issuer: issuer.cert.subject,
    notBefore: options.notBefore ?? new Date(Date.now() - 3600_000),
    notAfter: options.notAfter ?? new Date(Date.now() + 90 * DAY),
    signingKey: issuer.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions,
  });
  return wrap(cert, keys);
}
