import { formatSerial, normaliseFingerprint, normaliseSerial } from './certificate-facts';
import { checkRevocation } from './audit-input';
import { REVOCATION_REASONS } from './certificate.dto';

describe('certificate facts (conventions)', () => {
  it('formats serials as minimal uppercase hex padded to an even length', () => {
    expect(formatSerial(Buffer.from([]))).toBe('00');
    expect(formatSerial(Buffer.from('00', 'hex'))).toBe('00');
    expect(formatSerial(Buffer.from('0000abc1', 'hex'))).toBe('ABC1');
    expect(formatSerial(Buffer.from('000abc', 'hex'))).toBe('0ABC');
    expect(formatSerial(Buffer.from('00ff', 'hex'))).toBe('FF');
  });

  it('normalises client serials: any case, colons, leading zeros', () => {
    expect(normaliseSerial('0a:1b:2c')).toBe('0A1B2C');
    expect(normaliseSerial('A1B2C')).toBe('0A1B2C');
    expect(normaliseSerial('0000')).toBe('00');
    expect(normaliseSerial('xyz')).toBeUndefined();
    expect(normaliseSerial('')).toBeUndefined();
  });

  it('normalises fingerprints with or without separators and refuses anything else', () => {
    const hex = 'ab'.repeat(32);
    expect(normaliseFingerprint(hex.toUpperCase())?.toString('hex')).toBe(hex);
    expect(normaliseFingerprint(hex.match(/../g)!.join(':'))?.toString('hex')).toBe(hex);
    expect(normaliseFingerprint(hex.slice(2))).toBeUndefined();
    expect(normaliseFingerprint(`${hex}00`)).toBeUndefined();
  });

  it('takes CRL reasons by name or number, refusing 7 and removeFromCRL', () => {
    expect(checkRevocation({ reason: 'cACompromise' }).reason).toBe(2);
    expect(checkRevocation({ reason: 10 }).reason).toBe(10);
    expect(Object.values(REVOCATION_REASONS)).not.toContain(7);
    for (const reason of [7, 8, 'removeFromCRL', '1', 11, null]) expect(() => checkRevocation({ reason })).toThrow();
  });
});
