import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { rootOfHashes, leafHash } from '../merkle/hash';
import { decodeBase64Strict } from './base64';
import { decodeEventLeaf, encodeEventLeaf, EVENT_REVOKED, metadataCommitment } from './event-leaf';
import { checkpointText, getSthJson, headFromCheckpoint, treeHeadSignatureInput, verifyHead } from './heads';
import { LogKeyError, LogSigner } from './log-key';
import { leafIndexExtension, merkleTreeLeaf, parseMerkleTreeLeaf, sctFor, timestampedEntry, X509_ENTRY, signedEntry } from './rfc6962-leaf';

/** The RFC 6979 §A.2.5 P-256 key, as the PKCS#8 PEM a log would be configured with. */
export function rfc6979Key(): LogSigner {
  const d = Buffer.from('C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721', 'hex');
  const point = Buffer.from(p256.getPublicKey(d, false));
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    d: d.toString('base64url'),
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33).toString('base64url'),
  };
  const pem = createPrivateKey({ key: jwk, format: 'jwk' }).export({ format: 'pem', type: 'pkcs8' }) as string;
  return LogSigner.fromPem(pem);
}

const ROOT8 = rootOfHashes(
  ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(Buffer.from(h, 'hex'))),
);

describe('log signing and heads (format vectors)', () => {
  const signer = rfc6979Key();

  it('signs deterministically with RFC 6979 and keeps the high s', () => {
    const der = signer.sign(Buffer.from('sample')).subarray(4);
    const signature = p256.Signature.fromBytes(der, 'der');
    expect(signature.r.toString(16).toUpperCase()).toBe('EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716');
    expect(signature.s.toString(16).toUpperCase()).toBe('F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8');
  });

  it('derives the SPKI and LogID', () => {
    expect(signer.spki.toString('base64')).toBe(
      'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Z5A/4QCLi8maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==',
    );
    expect(signer.logId.toString('hex')).toBe('5a7a78cca4a0f420d9bc62bb669c3c2759e39f723d3ae10dcbe0f0815a07ecd4');
  });

  it('signs the tree head and writes the checkpoint byte for byte', () => {
    const input = treeHeadSignatureInput(1767225600000, 8, ROOT8);
    expect(input.toString('hex')).toBe('00010000019b76daa80000000000000000085dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
    const head = { treeSize: 8, timestampMs: 1767225600000, rootHash: ROOT8, signature: signer.sign(input) };
    expect(getSthJson(head).tree_head_signature).toBe('BAMARzBFAiEA0gDEtFSg3fyAFwWoFq/JCHR8lcqnQFXyfevJtbQd6jkCIEbQPfmHaPU0qtE+seLHAuNAXseSyx9mnt/igioRuoZG');
    expect(verifyHead(signer, head)).toBe(true);
    expect(verifyHead(signer, { ...head, treeSize: 9 })).toBe(false);
    const text = checkpointText('ct.example.com/logs/demo', signer.logId, head);
    expect(text).toBe(
      'ct.example.com/logs/demo\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n' +
        '\u2014 ct.example.com/logs/demo H7/FsgAAAZt22qgABAMARzBFAiEA0gDEtFSg3fyAFwWoFq/JCHR8lcqnQFXyfevJtbQd6jkCIEbQPfmHaPU0qtE+seLHAuNAXseSyx9mnt/igioRuoZG\n',
    );
    expect(headFromCheckpoint(text, 'ct.example.com/logs/demo', signer.logId)).toEqual(head);
    expect(headFromCheckpoint(text.replace('\n8\n', '\n08\n'), 'ct.example.com/logs/demo', signer.logId)).toBeUndefined();
  });

  it('refuses keys that are not P-256 private keys', () => {
    expect(() => LogSigner.fromPem('not a key')).toThrow(LogKeyError);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => LogSigner.fromPem(p384)).toThrow('P-256');
  });

  it('encodes the leaf_index extension and rebuilds identical SCTs from a stored leaf', () => {
    expect(leafIndexExtension(1234).toString('base64')).toBe('AAAFAAAABNI=');
    const entry = signedEntry(X509_ENTRY, { certificate: Buffer.from('3003020101', 'hex') });
    const tse = timestampedEntry(1767225600000, X509_ENTRY, entry, 1234);
    expect(tse.subarray(-10).toString('hex')).toBe('000800000500000004d2');
    const leaf = merkleTreeLeaf(tse);
    expect(parseMerkleTreeLeaf(leaf)).toMatchObject({ timestampMs: 1767225600000, entryType: 0, leafIndex: 1234 });
    expect(sctFor(signer, leaf)).toEqual(sctFor(signer, Buffer.from(leaf)));
    expect(sctFor(signer, leaf).extensions).toBe('AAAFAAAABNI=');
  });
});

describe('EventLeaf', () => {
  it('encodes the revoked vector byte for byte', () => {
    const salt = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    const commitment = metadataCommitment(salt, Buffer.from('{"revoked_by":"alice@example.com"}'));
    expect(commitment.toString('hex')).toBe('f71ccd20f7e619ba012d3980c476f42cc6d098d4fd637527517b4e25245b21fd');
    const leaf = encodeEventLeaf({
      type: EVENT_REVOKED,
      timestampMs: 1767225600123,
      eventTimeMs: 1767225600000,
      certSha256: Buffer.alloc(32, 0x11),
      metadataCommitment: commitment,
      reason: 1,
      issuedLeafIndex: 41,
    });
    expect(leaf).toHaveLength(95);
    expect(leaf.toString('hex')).toBe(`4354455601020000019b76daa87b0000019b76daa800${'11'.repeat(32)}${commitment.toString('hex')}010000000000000029`);
    expect(leafHash(leaf).toString('hex')).toBe('b580fc37725cc9882ca814d2a4ae5fa1e3f09026c7493dd4c6a5b53061353392');
    expect(decodeEventLeaf(leaf)).toMatchObject({ type: EVENT_REVOKED, reason: 1, issuedLeafIndex: 41 });
    expect(() => decodeEventLeaf(Buffer.concat([leaf, Buffer.from([0])]))).toThrow('trailing');
  });
});

describe('strict base64', () => {
  it.each(['AAAFAAAABNI=', 'AA==', 'AAA=', ''])('accepts %j', (text) => expect(decodeBase64Strict(text)).toBeDefined());
  it.each(['AAAFAAAABNI', 'AB==', 'AAB=', 'AA=A', 'AA AA', 'AA\nAA', 'AA-_', '====', 'A==='])('refuses %j', (text) =>
    expect(decodeBase64Strict(text)).toBeUndefined(),
  );
});
