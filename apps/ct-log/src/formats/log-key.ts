import { createPrivateKey, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '../merkle/hash';
import { u16 } from './bytes';

/** DigitallySigned prefix: hash algorithm sha256 (4), signature algorithm ecdsa (3). */
const SHA256_ECDSA = Buffer.from([0x04, 0x03]);

export class LogKeyError extends Error {}

/** A log's public half: SPKI, LogID and signature checks (no private key needed). */
export class LogPublicKey {
  readonly logId: Buffer;

  constructor(
    readonly spki: Buffer,
    private readonly key: KeyObject = createPublicKey({ key: spki, format: 'der', type: 'spki' }),
  ) {
    const details = key.asymmetricKeyDetails;
    if (key.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') throw new LogKeyError('the log key must be ECDSA P-256');
    this.logId = sha256(spki);
  }

  /** Checks a `DigitallySigned` (sha256/ecdsa, DER signature) over `input`. */
  verify(input: Uint8Array, digitallySigned: Buffer): boolean {
    if (digitallySigned.length < 4 || !digitallySigned.subarray(0, 2).equals(SHA256_ECDSA)) return false;
    const length = digitallySigned.readUInt16BE(2);
    if (digitallySigned.length !== 4 + length) return false;
    return cryptoVerify('sha256', input, { key: this.key, dsaEncoding: 'der' }, digitallySigned.subarray(4));
  }
}

/**
 * A log's signing key. Signatures are RFC 6979 deterministic and not low-S normalised (spec
 * §2.3): the same input always yields the same bytes, which makes resubmitted SCTs identical.
 */
export class LogSigner extends LogPublicKey {
  private constructor(
    spki: Buffer,
    publicKey: KeyObject,
    private readonly scalar: Uint8Array,
  ) {
    super(spki, publicKey);
  }

  /** From a PKCS#8 or SEC1 PEM; anything but a P-256 private key is refused. */
  static fromPem(pem: string): LogSigner {
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: pem, format: 'pem' });
    } catch {
      throw new LogKeyError('the key is not a PKCS#8 or SEC1 PEM private key');
    }
    if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
      throw new LogKeyError('the log key must be ECDSA P-256');
    const jwk = privateKey.export({ format: 'jwk' });
    const publicKey = createPublicKey(privateKey);
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    return new LogSigner(spki, publicKey, Buffer.from(jwk.d!, 'base64url'));
  }

  /** `DigitallySigned` over `input`. */
  sign(input: Uint8Array): Buffer {
    const signature = p256.sign(input, this.scalar, { lowS: false, format: 'der', extraEntropy: false });
    return Buffer.concat([SHA256_ECDSA, u16(signature.length), signature]);
  }
}
