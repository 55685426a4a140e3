import { Client } from 'pg';
import { describeBackends } from '../../../test/harness/backends';
import { BARE_ITEMS, pem } from '../src/audit/certificate-items';
import { listStatement, searchCondition, selectStatement } from '../src/audit/certificate-reader.service';
import { readListQuery } from '../src/audit/certificate-query';
import { decodeEventLeaf, EVENT_ISSUED, EVENT_REVOKED } from '../src/formats/event-leaf';
import { headFromJson, verifyHead } from '../src/formats/heads';
import { LogPublicKey } from '../src/formats/log-key';
import { leafHash, sha256 } from '../src/merkle/hash';
import { verifyInclusion } from '../src/merkle/verify';
import { ADMIN, ADMIN_B, type CtUnderTest, READER, startCtLog, SUBMITTER, SUBMITTER_B, waitServing } from './ct-harness';
import { createRoot, issue, type Issued } from './test-pki';

const DAY = 86_400_000;
const b = (text: string) => Buffer.from(text, 'base64');
const hex = (issued: Issued) => sha256(issued.der).toString('hex').toUpperCase();

describeBackends('ct-log certificate audit API', (backend) => {
  let ct: CtUnderTest;
  let root: Issued;
  const windowStart = new Date(Date.now() + 400 * DAY);
  const windowEnd = new Date(Date.now() + 800 * DAY);
  const keys: Record<string, LogPublicKey> = {};

  const register = (certificate: Issued, extra: Record<string, unknown> = {}, who = SUBMITTER) =>
    ct.call('POST', '/api/v1/certificates', { who, body: { certificate_pem: certificate.pem, certificate_type: 'server', ...extra } });
  const revoke = (fingerprint: string, body: Record<string, unknown>, who = SUBMITTER) =>
    ct.call('POST', `/api/v1/certificates/${fingerprint}/revoke`, { who, body });
  const entry = async (log: string, index: number) =>
    b((await ct.call('GET', `/logs/${log}/ct/v1/get-entries?start=${index}&end=${index}`, { who: null })).body.entries[0].leaf_input);

  /** A receipt's inclusion proof verifies against its signed head. */
  const expectProven = (log: string, leafIndex: number, leafHashB64: string, sth: Record<string, unknown>, path: string[]) => {
    const head = headFromJson(sth)!;
    expect(verifyHead(keys[log], head)).toBe(true);
    expect(verifyInclusion(leafIndex, head.treeSize, b(leafHashB64), path.map(b), head.rootHash)).toBe(true);
  };

  beforeAll(async () => {
    ct = await startCtLog(backend);
    root = await createRoot('Audit Root');
    for (const body of [
      { name: 'audit', kind: 'events', key: 'generate' },
      { name: 'audit-far', kind: 'events', key: 'generate', not_after_start: windowStart.toISOString(), not_after_limit: windowEnd.toISOString() },
    ]) {
      const created = await ct.call('POST', '/api/v1/admin/logs', { body });
      expect(created.status).toBe(201);
      keys[body.name] = new LogPublicKey(b(created.body.public_key));
      await waitServing(ct, body.name);
    }
  });
  afterAll(() => ct?.close());

  it('logs an issued certificate with a receipt whose inclusion proof verifies, once', async () => {
    const certificate = await issue(root, { cn: 'www.receipt.example', dns: ['www.receipt.example', 'API.Receipt.Example'] });
    const first = await register(certificate, {
      certificate_purpose: 'web',
      issuing_user_id: 'user-1',
      requester_info: { ip: '192.0.2.1', agent: { name: 'curl' } },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ fingerprint: hex(certificate), status: 'logged', log: 'audit' });
    expectProven('audit', first.body.leaf_index, first.body.leaf_hash, first.body.sth, first.body.audit_path);
    const leaf = await entry('audit', first.body.leaf_index);
    expect(leafHash(leaf).toString('base64')).toBe(first.body.leaf_hash);
    const event = decodeEventLeaf(leaf);
    expect(event.type).toBe(EVENT_ISSUED);
    expect(event.certSha256.equals(sha256(certificate.der))).toBe(true);
    expect(new Date(event.timestampMs).toISOString()).toBe(first.body.timestamp);

    const again = await register(certificate, { certificate_type: 'client' });
    expect(again.status).toBe(200);
    expect(again.body.leaf_index).toBe(first.body.leaf_index);
    expect(again.body.leaf_hash).toBe(first.body.leaf_hash);
    expectProven('audit', again.body.leaf_index, again.body.leaf_hash, again.body.sth, again.body.audit_path);
    const sth = (await ct.call('GET', '/logs/audit/ct/v1/get-sth', { who: null })).body;
    expect(sth.tree_size).toBe(first.body.sth.tree_size);
  });

  it('answers concurrent registrations of one certificate with one leaf', async () => {
    const certificate = await issue(root);
    const answers = await Promise.all(Array.from({ length: 5 }, () => register(certificate)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.leaf_index)).size).toBe(1);
  });

  it('routes by NotAfter: a windowed events log wins; no covering log is 409; a read-only one 410', async () => {
    const far = await register(await issue(root, { notAfter: new Date(windowStart.getTime() + DAY) }));
    expect(far.status).toBe(201);
    expect(far.body.log).toBe('audit-far');
    expectProven('audit-far', far.body.leaf_index, far.body.leaf_hash, far.body.sth, far.body.audit_path);
    const none = await register(await issue(root), {}, SUBMITTER_B);
    expect(none.status).toBe(409);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect((await ct.call('PATCH', '/api/v1/admin/logs/audit-far', { body: { state: 'read_only' } })).status).toBe(200);
    const frozen = await register(await issue(root, { notAfter: new Date(windowStart.getTime() + 2 * DAY) }));
    expect(frozen.status).toBe(410);
  });

  it('names every bad field in one 422 and writes nothing', async () => {
    const before = (await ct.call('GET', '/logs/audit/ct/v1/get-sth', { who: null })).body.tree_size;
    const certificate = await issue(root);
    const bad = await ct.call('POST', '/api/v1/certificates', {
      who: SUBMITTER,
      body: {
        certificate_pem: `${certificate.pem}\n${certificate.pem}`,
        certificate_type: 'mainframe',
        certificate_purpose: 'é'.repeat(33),
        issued_at: new Date(Date.now() + 3600_000).toISOString(),
        issuing_user_id: '',
        requester_info: { a: { b: { c: 1 } }, long: 'x'.repeat(513), list: [1] },
        colour: 'blue',
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [
        'certificate_pem',
        'certificate_type',
        'certificate_purpose',
        'colour',
        'issued_at',
        'issuing_user_id',
        'requester_info.a.b',
        'requester_info.list',
        'requester_info.long',
      ].sort(),
    );
    // The generator keeps serials positive: flip the top bit of the DER INTEGER (the signature no longer matters for parsing).
    const positive = await issue(root, { serial: '1080ff' });
    const der = Buffer.from(positive.der);
    der[der.indexOf(Buffer.from('02031080ff', 'hex')) + 2] = 0x80;
    expect((await register({ ...positive, pem: pem(der) })).body.errors).toEqual([
      { in: 'body', path: 'certificate_pem', message: 'has a negative serial number' },
    ]);
    expect((await register({ ...certificate, pem: certificate.pem.replace('MII', 'MIJ') })).status).toBe(422);
    const malformed = await ct.call('POST', '/api/v1/certificates', {
      who: SUBMITTER,
      raw: '{"certificate_pem":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const oversize = await ct.call('POST', '/api/v1/certificates', { who: SUBMITTER, body: { certificate_pem: 'A'.repeat(1_100_000) } });
    expect(oversize.status).toBe(413);
    expect((await ct.call('GET', '/logs/audit/ct/v1/get-sth', { who: null })).body.tree_size).toBe(before);
  });

  it('lets readers read and only submitters write; no token is 401', async () => {
    const certificate = await issue(root);
    expect((await register(certificate, {}, READER)).status).toBe(403);
    expect((await ct.call('POST', '/api/v1/certificates', { who: null, body: {} })).status).toBe(401);
    expect((await ct.call('GET', '/api/v1/certificates', { who: null })).status).toBe(401);
    expect((await ct.call('GET', '/api/v1/certificates', { who: READER })).status).toBe(200);
    expect((await ct.call('POST', '/api/v1/crl/next-number', { who: READER, body: { issuer: 'x' } })).status).toBe(403);
  });

  it('revokes once, repeats idempotently, refuses a different repeat, and proves both events from the item', async () => {
    const certificate = await issue(root, { cn: 'revoke.example', subject: 'CN=revoke.example, O=Example Org, OU=Web, C=DE, ST=Berlin, L=Berlin' });
    const logged = await register(certificate, { issuing_user_id: 'owner-1', requester_info: { email: 'a@example.com' } });
    const fingerprint = logged.body.fingerprint.toLowerCase().match(/../g).join(':');
    expect((await revoke(fingerprint, { reason: 7 })).status).toBe(422);
    expect((await revoke(fingerprint, { reason: 'removeFromCRL' })).status).toBe(422);
    expect((await revoke(fingerprint, { reason: 1, revoked_at: new Date(Date.now() - 30 * DAY).toISOString() })).body.errors[0].path).toBe('revoked_at');
    expect((await revoke('AB'.repeat(32), { reason: 1 })).status).toBe(404);
    expect((await revoke('not-a-fingerprint', { reason: 1 })).status).toBe(422);

    const revoked = await revoke(fingerprint, { reason: 'keyCompromise' });
    expect(revoked.status).toBe(201);
    expect(revoked.body).toMatchObject({
      fingerprint: logged.body.fingerprint,
      status: 'revoked',
      log: 'audit',
      revocation: { reason: 'keyCompromise', reason_code: 1, revoked_by: 'submitter-1' },
    });
    expectProven('audit', revoked.body.leaf_index, revoked.body.leaf_hash, revoked.body.sth, revoked.body.audit_path);
    const event = decodeEventLeaf(await entry('audit', revoked.body.leaf_index));
    expect(event.type === EVENT_REVOKED && event.issuedLeafIndex).toBe(logged.body.leaf_index);

    const repeat = await revoke(fingerprint, { reason: 1, revoked_at: revoked.body.revocation.revoked_at });
    expect(repeat.status).toBe(200);
    expect(repeat.body.leaf_index).toBe(revoked.body.leaf_index);
    expect((await revoke(fingerprint, { reason: 'superseded' })).status).toBe(409);
    expect((await revoke(fingerprint, { reason: 1, revoked_by: 'someone-else' })).status).toBe(409);

    const item = await ct.call('GET', `/api/v1/certificates/${logged.body.fingerprint}?include_pem=true&include_proof=true`, { who: READER });
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({
      fingerprint: logged.body.fingerprint,
      subject: {
        cn: 'revoke.example',
        o: 'Example Org',
        ou: 'Web',
        c: 'DE',
        st: 'Berlin',
        l: 'Berlin',
        dn: 'L=Berlin,ST=Berlin,C=DE,OU=Web,O=Example Org,CN=revoke.example',
      },
      issuer: { cn: 'Audit Root', o: 'CT Test' },
      key_algorithm: 'EC',
      key_size: 256,
      signature_algorithm: 'ecdsa-with-SHA256',
      certificate_type: 'server',
      issuing_user_id: 'owner-1',
      requester_info: { email: 'a@example.com' },
      status: 'revoked',
      revocation: { reason: 'keyCompromise', reason_code: 1, log: 'audit', leaf_index: revoked.body.leaf_index },
      log: 'audit',
      leaf_index: logged.body.leaf_index,
    });
    expect(item.body.certificate_pem.replace(/\s/g, '')).toBe(certificate.pem.replace(/\s/g, ''));
    const { proof } = item.body;
    const issuedLeaf = await entry('audit', logged.body.leaf_index);
    const revokedLeaf = await entry('audit', revoked.body.leaf_index);
    expectProven('audit', proof.issued.leaf_index, leafHash(issuedLeaf).toString('base64'), proof.sth, proof.issued.audit_path);
    expectProven('audit', proof.revocation.leaf_index, leafHash(revokedLeaf).toString('base64'), proof.sth, proof.revocation.audit_path);
    // The private metadata opens the commitments in the public leaves.
    for (const [opening, leaf] of [
      [proof.metadata.issued, issuedLeaf],
      [proof.metadata.revocation, revokedLeaf],
    ]) {
      expect(sha256(b(opening.salt), b(opening.canonical_json)).equals(decodeEventLeaf(leaf).metadataCommitment)).toBe(true);
    }
    expect(JSON.parse(b(proof.metadata.issued.canonical_json).toString())).toEqual({ issuing_user_id: 'owner-1', requester_info: { email: 'a@example.com' } });
    expect(JSON.parse(b(proof.metadata.revocation.canonical_json).toString())).toEqual({ revoked_by: 'submitter-1' });
    expect(JSON.stringify(decodeEventLeaf(issuedLeaf))).not.toContain('a@example.com');
  });

  it('pages with a keyset cursor through every filtered certificate in sort order', async () => {
    const owner = 'pager';
    for (let i = 0; i < 7; i++) {
      expect(
        (await register(await issue(root, { cn: `Pager-${i}.example`, notAfter: new Date(Date.now() + (30 + i) * DAY) }), { issuing_user_id: owner })).status,
      ).toBe(201);
    }
    for (const [sort, order] of [
      ['logged_at', 'desc'],
      ['not_after', 'asc'],
      ['subject', 'desc'],
      ['serial', 'asc'],
    ]) {
      const seen: string[] = [];
      let answer = await ct.call('GET', `/api/v1/certificates?user=${owner}&sort=${sort}&order=${order}&limit=3&count=true`, { who: READER });
      expect(answer.body.total).toBe(7);
      for (;;) {
        expect(answer.status).toBe(200);
        seen.push(...answer.body.certificates.map((c: { subject: { cn: string } }) => c.subject.cn));
        if (!answer.body.next_cursor) break;
        answer = await ct.call('GET', `/api/v1/certificates?cursor=${answer.body.next_cursor}&limit=3`, { who: READER });
      }
      const all = (await ct.call('GET', `/api/v1/certificates?user=${owner}&sort=${sort}&order=${order}`, { who: READER })).body.certificates.map(
        (c: { subject: { cn: string } }) => c.subject.cn,
      );
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(7);
    }
    const ascending = (await ct.call('GET', `/api/v1/certificates?user=${owner}&sort=not_after&order=asc`, { who: READER })).body.certificates.map(
      (c: { subject: { cn: string } }) => c.subject.cn,
    );
    expect(ascending).toEqual(Array.from({ length: 7 }, (_, i) => `Pager-${i}.example`));
    const first = await ct.call('GET', `/api/v1/certificates?user=${owner}&limit=2`, { who: READER });
    const mixed = await ct.call('GET', `/api/v1/certificates?cursor=${first.body.next_cursor}&user=${owner}&sort=subject`, { who: READER });
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['sort', 'user']);
    expect((await ct.call('GET', '/api/v1/certificates?cursor=bm90LWEtY3Vyc29y', { who: READER })).status).toBe(422);
    expect((await ct.call('GET', '/api/v1/certificates?limit=101&include_pem=true', { who: READER })).status).toBe(422);
    expect((await ct.call('GET', '/api/v1/certificates?colour=blue&limit=0', { who: READER })).body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['colour', 'limit'],
    );
  });

  it('filters by type, names, serial, SAN, dates and revocation', async () => {
    const tag = `f${Date.now()}`;
    const literal = await issue(root, { cn: `${tag}_100%.example`, dns: [`Shop.${tag}.example`] });
    const other = await issue(root, { cn: `${tag}x100x.example`, serial: '00c0ffee' });
    expect((await register(literal, { certificate_type: 'client' })).status).toBe(201);
    expect((await register(other)).status).toBe(201);
    const cns = async (query: string) =>
      (await ct.call('GET', `/api/v1/certificates?${query}`, { who: READER })).body.certificates.map((c: { subject: { cn: string } }) => c.subject.cn);
    expect(await cns(`subject=${encodeURIComponent(`${tag.toUpperCase()}_100%`)}`)).toEqual([`${tag}_100%.example`]);
    expect(await cns(`subject=${tag}&type=client`)).toEqual([`${tag}_100%.example`]);
    expect(await cns(`san=shop.${tag.toUpperCase()}.EXAMPLE`)).toEqual([`${tag}_100%.example`]);
    expect(await cns(`serial=c0:ff:ee&subject=${tag}`)).toEqual([`${tag}x100x.example`]);
    expect(await cns(`fingerprint=${hex(other).toLowerCase()}`)).toEqual([`${tag}x100x.example`]);
    expect(await cns(`issuer=audit%20ROOT&subject=${tag}`)).toHaveLength(2);
    const soon = new Date(Date.now() + 91 * DAY).toISOString();
    expect(await cns(`subject=${tag}&expires_to=${encodeURIComponent(soon)}`)).toHaveLength(2);
    expect(await cns(`subject=${tag}&expires_from=${encodeURIComponent(soon)}`)).toHaveLength(0);
    await revoke(hex(other), { reason: 'superseded' });
    expect(await cns(`subject=${tag}&include_revoked=false`)).toEqual([`${tag}_100%.example`]);
    const hour = (offset: number) => encodeURIComponent(new Date(Date.now() + offset * 3600_000).toISOString());
    expect(await cns(`subject=${tag}&revoked_from=${hour(-1)}&revoked_to=${hour(1)}`)).toEqual([`${tag}x100x.example`]);
    expect(
      (await ct.call('GET', `/api/v1/certificates?serial=xyz&issued_from=yesterday`, { who: READER })).body.errors.map((e: { path: string }) => e.path).sort(),
    ).toEqual(['issued_from', 'serial']);
  });

  it('finds by serial (latest with other_matches) and searches by substring or exactly', async () => {
    const tag = `s${Date.now()}`;
    const otherRoot = await createRoot(`Second Root ${tag}`);
    const older = await issue(root, { cn: `${tag}-a.example`, serial: '0a1b2c' });
    const newer = await issue(otherRoot, { cn: `${tag}-b.example`, serial: '0a1b2c', dns: [`mail.${tag}.example`] });
    await register(older);
    await register(newer);
    const latest = await ct.call('GET', '/api/v1/certificates/serial/0A:1B:2C', { who: READER });
    expect(latest.body).toMatchObject({ serial: '0A1B2C', subject: { cn: `${tag}-b.example` }, other_matches: 1 });
    const byIssuer = await ct.call('GET', '/api/v1/certificates/serial/a1b2c?issuer=Audit%20Root', { who: READER });
    expect(byIssuer.body).toMatchObject({ subject: { cn: `${tag}-a.example` }, other_matches: 0 });
    expect((await ct.call('GET', '/api/v1/certificates/serial/ffff01', { who: READER })).status).toBe(404);

    const search = async (query: string) => (await ct.call('GET', `/api/v1/search?${query}`, { who: READER })).body;
    expect((await search(`q=${tag.toUpperCase()}`)).results.map((r: { subject: { cn: string } }) => r.subject.cn)).toEqual([
      `${tag}-b.example`,
      `${tag}-a.example`,
    ]);
    expect(await search(`q=${tag}&limit=1`)).toMatchObject({ query: tag, exact: false, truncated: true });
    expect((await search(`q=mail.${tag}.EXAMPLE&exact=true`)).results.map((r: { subject: { cn: string } }) => r.subject.cn)).toEqual([`${tag}-b.example`]);
    expect((await search(`q=${hex(older).match(/../g)!.join(':')}&exact=true`)).results).toHaveLength(1);
    expect((await search(`q=${tag}%25_`)).results).toEqual([]);
    expect((await ct.call('GET', '/api/v1/search?q=ab', { who: READER })).status).toBe(422);
    expect((await ct.call('GET', '/api/v1/search?q=a%01bc', { who: READER })).status).toBe(422);
  });

  it("revokes a user's live certificates in one call and counts what remains", async () => {
    const user = `leaver-${Date.now()}`;
    const live = [await issue(root), await issue(root)];
    for (const certificate of live) expect((await register(certificate, { issuing_user_id: user })).status).toBe(201);
    const expired = await issue(root, { notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
    expect((await register(expired, { issuing_user_id: user })).status).toBe(201);
    const answer = await ct.call('POST', `/api/v1/users/${user}/revoke-certificates`, { who: SUBMITTER, body: { reason: 'affiliationChanged' } });
    expect(answer.status).toBe(200);
    expect(answer.body.remaining).toBe(0);
    expect(answer.body.revoked.map((r: { fingerprint: string }) => r.fingerprint).sort()).toEqual(live.map(hex).sort());
    for (const r of answer.body.revoked) expect(decodeEventLeaf(await entry('audit', r.leaf_index)).type).toBe(EVENT_REVOKED);
    const statuses = (await ct.call('GET', `/api/v1/certificates?user=${user}`, { who: READER })).body.certificates
      .map((c: { status: string }) => c.status)
      .sort();
    expect(statuses).toEqual(['expired', 'revoked', 'revoked']);
    expect((await ct.call('POST', `/api/v1/users/${user}/revoke-certificates`, { who: SUBMITTER, body: { reason: 'affiliationChanged' } })).body).toEqual({
      user_id: user,
      revoked: [],
      remaining: 0,
    });
  });

  it('counts exactly in statistics', async () => {
    const stats = (await ct.call('GET', '/api/v1/statistics', { who: READER })).body;
    const all = (await ct.call('GET', '/api/v1/certificates?limit=1000', { who: READER })).body.certificates as Array<Record<string, any>>;
    expect(stats.total).toBe(all.length);
    expect(stats.by_status).toEqual({
      active: all.filter((c) => c.status === 'active').length,
      revoked: all.filter((c) => c.status === 'revoked').length,
      expired: all.filter((c) => c.status === 'expired').length,
    });
    expect(stats.by_type.client).toBe(all.filter((c) => c.certificate_type === 'client').length);
    expect(stats.by_revocation_reason.keyCompromise).toBe(all.filter((c) => c.revocation?.reason === 'keyCompromise').length);
    expect(stats.issued_last_30_days).toBe(all.filter((c) => Date.parse(c.issued_at) >= Date.now() - 30 * DAY).length);
    expect(stats.expiring_next_30_days).toBe(all.filter((c) => c.status === 'active' && Date.parse(c.not_after) <= Date.now() + 30 * DAY).length);
    const farOnly = (await ct.call('GET', '/api/v1/statistics?log=audit-far', { who: READER })).body;
    expect(farOnly.total).toBe(all.filter((c) => c.log === 'audit-far').length);
    expect((await ct.call('GET', '/api/v1/statistics?log=nope', { who: READER })).status).toBe(404);
  });

  it('allocates CRL numbers without gaps or reuse under concurrency, per tenant', async () => {
    const issuer = 'CN=Issuing CA/2026';
    const numbers = await Promise.all(Array.from({ length: 20 }, () => ct.call('POST', '/api/v1/crl/next-number', { who: SUBMITTER, body: { issuer } })));
    expect(numbers.map((n) => n.body.crl_number).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await ct.call('GET', `/api/v1/crl/current-number/${encodeURIComponent(issuer)}`, { who: READER })).body).toEqual({ issuer, crl_number: 20 });
    expect((await ct.call('GET', `/api/v1/crl/current-number/${encodeURIComponent(issuer)}`, { who: ADMIN_B })).status).toBe(404);
    expect((await ct.call('POST', '/api/v1/crl/next-number', { who: SUBMITTER_B, body: { issuer } })).body.crl_number).toBe(1);
    expect((await ct.call('POST', '/api/v1/crl/next-number', { who: SUBMITTER, body: { issuer: '' } })).status).toBe(422);
  });

  it("never shows one tenant another tenant's certificates", async () => {
    const mine = await register(await issue(root, { cn: 'tenant-a-only.example' }));
    expect((await ct.call('GET', `/api/v1/certificates/${mine.body.fingerprint}`, { who: ADMIN_B })).status).toBe(404);
    expect((await ct.call('GET', '/api/v1/certificates', { who: ADMIN_B })).body.certificates).toEqual([]);
    expect((await ct.call('GET', '/api/v1/search?q=tenant-a-only', { who: ADMIN_B })).body.results).toEqual([]);
    expect((await ct.call('GET', '/api/v1/statistics', { who: ADMIN_B })).body.total).toBe(0);
    expect((await revoke(mine.body.fingerprint, { reason: 1 }, SUBMITTER_B)).status).toBe(404);
    expect((await ct.call('GET', `/api/v1/certificates/${mine.body.fingerprint}`, { who: ADMIN })).status).toBe(200);
  });

  if (backend.kind === 'postgres') {
    it('serves substring, SAN and exact searches from the trigram and GIN indexes, as the app role', async () => {
      const tenant = 'cc000000-0000-4000-8000-00000000000c';
      const client = new Client({ connectionString: backend.url });
      await client.connect();
      // A realistic table for the planner: 20,000 certificates of a third tenant, then fresh statistics.
      await client.query(
        `INSERT INTO ctlog.certificates (tenant_id, fingerprint, log_id, leaf_index, serial, subject_dn, subject_cn, issuer_dn, issuer_cn,
          not_before, not_after, san_dns, san_ip, san_email, key_algorithm, signature_algorithm, cert_type, issued_at, search_text, timestamp_ms)
        SELECT $1, sha256(convert_to(i::text, 'UTF8')), $1, i, upper(to_hex(i)), 'CN=h' || md5(i::text), 'h' || md5(i::text) || '.example', 'CN=Issuer ' || left(md5((i % 1000)::text), 8), 'Issuer ' || left(md5((i % 1000)::text), 8),
          now(), now() + interval '90 days', ARRAY['h' || md5(i::text) || '.example'], '[]', '[]', 'EC', 'ecdsa-with-SHA256', 'server', now(),
          'h' || md5(i::text) || '.example' || chr(10) || 'issuer ' || left(md5((i % 1000)::text), 8) || chr(10) || to_hex(i), i
        FROM generate_series(1, 20000) AS i`,
        [tenant],
      );
      await client.query('VACUUM ANALYZE ctlog.certificates');
      const plan = async (statement: { render(dialect: 'postgres'): { text: string; parameters: unknown[] } }) => {
        const { text, parameters } = statement.render('postgres');
        await client.query('BEGIN');
        try {
          await client.query('SET LOCAL ROLE ctlog_app');
          await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant]);
          const rows = (await client.query(`EXPLAIN ${text}`, parameters)).rows as Array<{ 'QUERY PLAN': string }>;
          return rows.map((row) => row['QUERY PLAN']).join('\n');
        } finally {
          await client.query('ROLLBACK');
        }
      };
      try {
        const plans = {
          search: await plan(selectStatement(tenant, BARE_ITEMS, searchCondition('4b9e2a', false, true), 51)),
          subject: await plan(listStatement(tenant, readListQuery({ subject: '4b9e2a' }), true)),
          issuer: await plan(listStatement(tenant, readListQuery({ issuer: '8f14e45f' }), true)),
          san: await plan(listStatement(tenant, readListQuery({ san: 'h4b9e2a.example' }), true)),
          exact: await plan(selectStatement(tenant, BARE_ITEMS, searchCondition('h4b9e2a.example', true, true), 51)),
        };
        expect(plans.search).toMatch(/Index Scan on certificates_search_trgm/);
        expect(plans.subject).toMatch(/Index Scan on certificates_subject_trgm/);
        expect(plans.issuer).toMatch(/Index Scan on certificates_issuer_trgm/);
        expect(plans.san).toMatch(/Index Scan on certificates_san_dns/);
        for (const text of Object.values(plans)) expect(text).not.toMatch(/Seq Scan on certificates|Index Scan (Backward )?using certificates_logged/);
      } finally {
        await client.end();
      }
    });
  }
});
