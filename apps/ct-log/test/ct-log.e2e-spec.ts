import { createHash } from 'node:crypto';
import { describeBackends } from '../../../test/harness/backends';
import { headFromJson, verifyHead, headFromCheckpoint } from '../src/formats/heads';
import { LogPublicKey } from '../src/formats/log-key';
import { parseMerkleTreeLeaf, sctSignatureInput } from '../src/formats/rfc6962-leaf';
import { leafHash } from '../src/merkle/hash';
import { verifyConsistency, verifyInclusion } from '../src/merkle/verify';
import { ADMIN, ADMIN_B, type CtUnderTest, READER, startCtLog, SUBMITTER, SUBMITTER_B, waitServing } from './ct-harness';
import { createRoot, issue, type Issued, PRECERT_SIGNING_EKU } from './test-pki';

const b = (text: string) => Buffer.from(text, 'base64');

describeBackends('ct-log RFC 6962 API', (backend) => {
  let ct: CtUnderTest;
  let root: Issued;
  let intermediate: Issued;
  let key: LogPublicKey;

  beforeAll(async () => {
    ct = await startCtLog(backend);
    root = await createRoot();
    intermediate = await issue(root, { ca: true, cn: 'Test Intermediate' });
    const created = await ct.call('POST', '/api/v1/admin/logs', {
      body: { name: 'shard-a', kind: 'rfc6962', key: 'generate', description: 'test shard', roots: [root.b64] },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/admin/logs/shard-a');
    key = new LogPublicKey(b(created.body.public_key));
    await waitServing(ct, 'shard-a');
  });
  afterAll(() => ct?.close());

  const submit = async (chain: Issued[], path = 'add-chain', who = SUBMITTER) =>
    ct.call('POST', `/logs/shard-a/ct/v1/${path}`, { who, body: { chain: chain.map((c) => c.b64) } });

  it('signs the empty tree at creation and serves it without a token', async () => {
    const sth = await ct.call('GET', '/logs/shard-a/ct/v1/get-sth', { who: null });
    expect(sth.status).toBe(200);
    expect(sth.headers.get('access-control-allow-origin')).toBe('*');
    const head = headFromJson(sth.body)!;
    expect(head.treeSize).toBe(0);
    expect(head.rootHash.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(verifyHead(key, head)).toBe(true);
  });

  it('answers add-chain with an SCT whose leaf_index is in the next head, and a resubmission with identical bytes', async () => {
    const leaf = await issue(intermediate);
    const first = await submit([leaf, intermediate]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ sct_version: 0, id: key.logId.toString('base64') });
    const again = await submit([leaf, intermediate, root]);
    expect(again.body).toEqual(first.body);

    const sth = headFromJson((await ct.call('GET', '/logs/shard-a/ct/v1/get-sth', { who: null })).body)!;
    const index = b(first.body.extensions).readUIntBE(3, 5);
    expect(index).toBeLessThan(sth.treeSize);
    const entry = await ct.call('GET', `/logs/shard-a/ct/v1/get-entry-and-proof?leaf_index=${index}&tree_size=${sth.treeSize}`, { who: null });
    expect(entry.status).toBe(200);
    const leafInput = b(entry.body.leaf_input);
    expect(parseMerkleTreeLeaf(leafInput)).toMatchObject({ leafIndex: index, timestampMs: first.body.timestamp, entryType: 0 });
    expect(key.verify(sctSignatureInput(leafInput), b(first.body.signature))).toBe(true);
    expect(verifyInclusion(index, sth.treeSize, leafHash(leafInput), entry.body.audit_path.map(b), sth.rootHash)).toBe(true);
    // extra_data: the intermediate, then the root the submitter included.
    expect(b(entry.body.extra_data).subarray(3, 6).readUIntBE(0, 3)).toBe(intermediate.der.length);
  });

  it('accepts precertificates, signed directly and through a Precertificate Signing Certificate', async () => {
    const precert = await issue(intermediate, { precert: true });
    const direct = await submit([precert, intermediate], 'add-pre-chain');
    expect(direct.status).toBe(200);
    const signing = await issue(intermediate, { ca: false, eku: [PRECERT_SIGNING_EKU], cn: 'Precert Signer' });
    const viaSigner = await issue(signing, { precert: true });
    const answer = await submit([viaSigner, signing, intermediate], 'add-pre-chain');
    expect(answer.status).toBe(200);
  });

  it('refuses bad chains with RFC 9162 error codes', async () => {
    const otherRoot = await createRoot('Other Root');
    const stranger = await issue(otherRoot);
    const leaf = await issue(intermediate);
    const precert = await issue(intermediate, { precert: true });
    const cases: Array<[unknown, string, number, string]> = [
      [{ chain: [stranger.b64] }, 'add-chain', 400, 'unknownAnchor'],
      [{ chain: [leaf.b64, intermediate.b64, root.b64, root.b64] }, 'add-chain', 400, 'badChain'],
      [{ chain: [leaf.b64, stranger.b64] }, 'add-chain', 400, 'badChain'],
      // Undecodable is malformed; decodable but not an acceptable certificate is badCertificate.
      [{ chain: ['AAA'] }, 'add-chain', 400, 'malformed'],
      [{ chain: ['!!!'] }, 'add-chain', 400, 'malformed'],
      [{ chain: [`${leaf.b64.slice(0, 8)} ${leaf.b64.slice(8)}`] }, 'add-chain', 400, 'malformed'],
      [{ chain: [leaf.der.toString('base64url')] }, 'add-chain', 400, 'malformed'],
      [{ chain: [42] }, 'add-chain', 400, 'malformed'],
      [{ chain: ['AAAA'] }, 'add-chain', 400, 'badCertificate'],
      [{ chain: [Buffer.concat([leaf.der, Buffer.from([0])]).toString('base64')] }, 'add-chain', 400, 'badCertificate'],
      [{ chain: [] }, 'add-chain', 400, 'badChain'],
      [{ chain: [precert.b64, intermediate.b64] }, 'add-chain', 400, 'badType'],
      [{ chain: [leaf.b64, intermediate.b64] }, 'add-pre-chain', 400, 'badType'],
      [{ nope: 1 }, 'add-chain', 400, 'malformed'],
    ];
    for (const [body, path, status, code] of cases) {
      const answer = await ct.call('POST', `/logs/shard-a/ct/v1/${path}`, { who: SUBMITTER, body });
      expect({ code, status: answer.status, body: answer.body }).toEqual({ code, status, body: { error_code: code, error_message: expect.any(String) } });
    }
  });

  it('needs a submitter token of the log tenant to write, and answers unknown logs with notFound', async () => {
    const leaf = await issue(intermediate);
    expect((await submit([leaf, intermediate], 'add-chain', null as never)).body.error_code).toBe('unauthorized');
    expect((await submit([leaf, intermediate], 'add-chain', READER)).status).toBe(403);
    expect((await submit([leaf, intermediate], 'add-chain', SUBMITTER_B)).status).toBe(403);
    const unknown = await ct.call('GET', '/logs/nope/ct/v1/get-sth', { who: null });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error_code: 'notFound', error_message: expect.any(String) });
    expect((await ct.call('GET', '/api/v1/admin/logs/shard-a', { who: ADMIN_B })).status).toBe(404);
  });

  it('takes submissions without a token on a log with open submission, limited per client address', async () => {
    const limited = await startCtLog(backend, { CTLOG_OPEN_SUBMISSIONS_PER_MINUTE: '3' });
    try {
      const created = await limited.call('POST', '/api/v1/admin/logs', {
        body: { name: 'open-shard', kind: 'rfc6962', key: 'generate', roots: [root.b64], config: { submission: 'open' } },
      });
      expect(created.status).toBe(201);
      expect(created.body.config.submission).toBe('open');
      expect(
        (await limited.call('POST', '/api/v1/admin/logs', { body: { name: 'bad-policy', kind: 'rfc6962', key: 'generate', config: { submission: 'anyone' } } }))
          .body.errors,
      ).toEqual([expect.objectContaining({ path: 'config.submission' })]);
      const anonymous = async () =>
        limited.call('POST', '/logs/open-shard/ct/v1/add-chain', { who: null, body: { chain: [(await issue(intermediate)).b64, intermediate.b64] } });
      for (let i = 0; i < 3; i++) {
        const answer = await anonymous();
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ sct_version: 0, signature: expect.any(String) });
      }
      const refused = await anonymous();
      expect(refused.status).toBe(429);
      expect(refused.body.error_code).toBe('rateLimited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // The three anonymous submissions were sequenced.
      expect((await limited.call('GET', '/logs/open-shard/ct/v1/get-sth', { who: null })).body.tree_size).toBe(3);
      // Token logs are unchanged: no token, no submission.
      expect(
        (await limited.call('POST', '/logs/shard-a/ct/v1/add-chain', { who: null, body: { chain: [(await issue(intermediate)).b64, intermediate.b64] } }))
          .status,
      ).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('has no test hook, neither route nor documentation, unless CTLOG_TEST_HOOKS=true', async () => {
    const hookPath = '/api/v1/admin/logs/{name}/test/append-raw';
    expect(Object.keys((await ct.call('GET', '/api/docs-json', { who: null })).body.paths)).toContain(hookPath);
    const plain = await startCtLog(backend, { CTLOG_TEST_HOOKS: 'false' });
    try {
      expect(Object.keys((await plain.call('GET', '/api/docs-json', { who: null })).body.paths)).not.toContain(hookPath);
      expect((await plain.call('POST', '/api/v1/admin/logs/shard-a/test/append-raw', { body: { leaves: [] } })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('serves consistent heads, proofs, entries, checkpoint and tiles', async () => {
    for (let i = 0; i < 5; i++) await submit([await issue(intermediate), intermediate]);
    const sth = headFromJson((await ct.call('GET', '/logs/shard-a/ct/v1/get-sth', { who: null })).body)!;
    const checkpoint = await ct.call('GET', '/logs/shard-a/checkpoint', { who: null });
    expect(checkpoint.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const fromCheckpoint = headFromCheckpoint(checkpoint.body, 'ct.example.com/logs/shard-a', key.logId)!;
    expect(fromCheckpoint.treeSize).toBe(sth.treeSize);
    expect(verifyHead(key, fromCheckpoint)).toBe(true);

    const heads = (await ct.call('GET', '/logs/shard-a/heads', { who: null })).body.heads.map(headFromJson);
    for (let i = 1; i < heads.length; i++) {
      const proof = await ct.call('GET', `/logs/shard-a/ct/v1/get-sth-consistency?first=${heads[i - 1].treeSize}&second=${heads[i].treeSize}`, { who: null });
      expect(verifyConsistency(heads[i - 1].treeSize, heads[i].treeSize, heads[i - 1].rootHash, heads[i].rootHash, proof.body.consistency.map(b))).toBe(true);
    }
    const entries = await ct.call('GET', `/logs/shard-a/ct/v1/get-entries?start=0&end=${sth.treeSize + 10}`, { who: null });
    expect(entries.body.entries).toHaveLength(sth.treeSize);
    const hashes = entries.body.entries.map((e: { leaf_input: string }) => leafHash(b(e.leaf_input)));
    const tile = await fetch(`${ct.base}/logs/shard-a/tile/0/000.p/${sth.treeSize}`);
    expect(Buffer.from(await tile.arrayBuffer())).toEqual(Buffer.concat(hashes));
    expect(tile.headers.get('cache-control')).toBe('public, max-age=60');
    expect((await fetch(`${ct.base}/logs/shard-a/tile/0/000`)).status).toBe(404);
    expect((await fetch(`${ct.base}/logs/shard-a/tile/0/000.p/${sth.treeSize + 1}`)).status).toBe(404);
    const byHash = await ct.call(
      'GET',
      `/logs/shard-a/ct/v1/get-proof-by-hash?hash=${encodeURIComponent(hashes[2].toString('base64'))}&tree_size=${sth.treeSize}`,
      { who: null },
    );
    expect(byHash.body.leaf_index).toBe(2);
    expect(verifyInclusion(2, sth.treeSize, hashes[2], byHash.body.audit_path.map(b), sth.rootHash)).toBe(true);
    const data = await fetch(`${ct.base}/logs/shard-a/tile/data/000.p/${sth.treeSize}`);
    expect(data.status).toBe(200);
    const issuerHex = createHash('sha256').update(intermediate.der).digest('hex');
    const issuer = await fetch(`${ct.base}/logs/shard-a/issuer/${issuerHex}`);
    expect(Buffer.from(await issuer.arrayBuffer())).toEqual(intermediate.der);
  });

  it('answers parameter errors with RFC 9162 codes', async () => {
    const size = headFromJson((await ct.call('GET', '/logs/shard-a/ct/v1/get-sth', { who: null })).body)!.treeSize;
    const cases: Array<[string, number, string]> = [
      ['get-entries?start=2&end=1', 400, 'endBeforeStart'],
      [`get-entries?start=${size}&end=${size}`, 400, 'startUnknown'],
      ['get-entries?start=01x&end=1', 400, 'malformed'],
      ['get-entries?start=0&start=1&end=1', 400, 'malformed'],
      ['get-sth-consistency?first=3&second=2', 400, 'secondBeforeFirst'],
      [`get-sth-consistency?first=1&second=${size + 1}`, 400, 'secondUnknown'],
      [`get-proof-by-hash?hash=${encodeURIComponent(Buffer.alloc(32).toString('base64'))}&tree_size=${size}`, 404, 'hashUnknown'],
      ['get-proof-by-hash?hash=AAAA&tree_size=1', 400, 'malformed'],
      [`get-entry-and-proof?leaf_index=0&tree_size=${size + 1}`, 400, 'treeSizeUnknown'],
      ['get-entry-and-proof?leaf_index=5&tree_size=5', 400, 'startUnknown'],
    ];
    for (const [path, status, code] of cases) {
      const answer = await ct.call('GET', `/logs/shard-a/ct/v1/${path}`, { who: null });
      expect({ path, status: answer.status, code: answer.body.error_code }).toEqual({ path, status, code });
    }
    const post = await ct.call('POST', '/logs/shard-a/ct/v1/get-sth', { who: null, body: {} });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('gives the metadata document and the admin resource', async () => {
    const metadata = await ct.call('GET', '/logs/shard-a/metadata', { who: null });
    expect(metadata.body).toMatchObject({
      name: 'shard-a',
      kind: 'rfc6962',
      origin: 'ct.example.com/logs/shard-a',
      mmd: 60,
      state: 'active',
      temporal_interval: null,
    });
    const resource = await ct.call('GET', '/api/v1/admin/logs/shard-a', { who: ADMIN });
    expect(resource.body).toMatchObject({ name: 'shard-a', key_ref: 'file:shard-a.pem', roots: [{ fingerprint: expect.stringMatching(/^[0-9A-F]{64}$/) }] });
    expect(resource.headers.get('etag')).toMatch(/^W\/"\d+"$/);
  });
});
