/** The access workflow: caps, duplicates, review rules, races, revoke, expiry, aliases. */
import { describeBackends } from '../../../test/harness/backends';
import { AccessExpirySweeper } from '../src/access/access-expiry.sweeper';
import { ADMIN, CONTRIB_FINANCE, CONTRIB_HR, type PortalUnderTest, READER_FINANCE, startPortal, TestClock, type Who } from './portal-harness';

const REQUESTER: Who = { roles: ['Reader'], email: 'req@contoso.com', sub: 'req-1' };
const DAY = 86_400_000;

describeBackends('portal access requests', (backend) => {
  let portal: PortalUnderTest;
  const clock = new TestClock();
  const audit = async (query: string) => (await portal.call('GET', `/api/v1/audit/events?${query}`, { who: ADMIN })).body;

  beforeAll(async () => {
    portal = await startPortal(backend, {}, { clock });
  });
  afterAll(() => portal?.close());

  it('creates a request: 201, Location, elevated note for restricted products, audited', async () => {
    const created = await portal.call('POST', '/api/v1/access', {
      who: REQUESTER,
      body: { data_product_id: 'dp-003', justification: 'audit', duration_days: 30 },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/access/${created.body.id}`);
    expect(created.body).toMatchObject({
      requester_email: 'req@contoso.com',
      status: 'pending',
      access_level: 'read',
      duration_days: 30,
      review_notes: 'RESTRICTED data product — requires manager approval',
      elevated_review_note: 'RESTRICTED data product — requires manager approval',
      reviewed_at: null,
      expires_at: null,
    });
    const [event] = await audit(`action=access_request.create&resource_id=${created.body.id}`);
    expect(event).toMatchObject({
      resource: { type: 'access_request', domain: 'finance', classification: 'restricted', product_id: 'dp-003' },
      after: { status: 'pending', duration_days: 30, elevated: true },
    });
    expect(
      (await portal.call('POST', '/api/v1/access', { who: REQUESTER, body: { data_product_id: 'dp-003', justification: 'again', duration_days: 10 } })).body,
    ).toMatchObject({
      status: 409,
      detail: "A pending access request for 'dp-003' already exists.",
    });
  });

  it('caps durations by classification (422 at duration_days) and bounds them to 1..365', async () => {
    const over = await portal.call('POST', '/api/v1/access', { who: REQUESTER, body: { data_product_id: 'dp-001', justification: 'x', duration_days: 91 } });
    expect(over.status).toBe(422);
    expect(over.body.detail).toBe("duration_days=91 exceeds the 90-day cap for 'confidential' classification.");
    expect(over.body.errors[0].path).toBe('duration_days');
    expect(
      (await portal.call('POST', '/api/v1/access', { who: REQUESTER, body: { data_product_id: 'dp-002', justification: 'x', duration_days: 366 } })).body
        .errors[0].path,
    ).toBe('duration_days');
    expect((await portal.call('POST', '/api/v1/access', { who: REQUESTER, body: { data_product_id: 'nope', justification: 'x' } })).body).toMatchObject({
      status: 404,
      detail: "Data product 'nope' not found.",
    });
    expect((await portal.call('POST', '/api/v1/access', { who: REQUESTER, body: { data_product_id: 'dp-002', justification: '' } })).status).toBe(422);
  });

  it('re-checks the cap at approval: demo ar-002 (180 days, confidential) can only be denied', async () => {
    const marketing: Who = { roles: ['Contributor'], domain: 'marketing', email: 'mk@contoso.com', sub: 'mk' };
    const approve = await portal.call('POST', '/api/v1/access/ar-002/approve', { who: marketing });
    expect(approve.status).toBe(422);
    expect(approve.body.detail).toBe("duration_days=180 exceeds the 90-day cap for 'confidential' classification.");
    const denied = await portal.call('POST', '/api/v1/access/ar-002/deny', { who: marketing, body: { notes: 'too long' } });
    expect(denied.body).toMatchObject({ status: 'denied', reviewed_by: 'mk@contoso.com', review_notes: 'too long', expires_at: null });
    const [event] = await audit('action=access_request.deny&resource_id=ar-002');
    expect(event).toMatchObject({
      before: { status: 'pending' },
      after: { status: 'denied', reviewer: 'mk@contoso.com', expires_at: null },
      reason: 'too long',
    });
    expect((await portal.call('POST', '/api/v1/access/ar-002/deny', { who: marketing })).body).toMatchObject({
      status: 400,
      detail: "Request is 'denied', only pending requests can be denied.",
    });
  });

  it('refuses self-review and cross-domain review with 403, audited as denied', async () => {
    const mine = await portal.call('POST', '/api/v1/access', {
      who: { ...ADMIN, email: 'self@contoso.com', sub: 'self' },
      body: { data_product_id: 'dp-002', justification: 'me' },
    });
    const self = await portal.call('POST', `/api/v1/access/${mine.body.id}/approve`, { who: { ...ADMIN, email: 'self@contoso.com', sub: 'self' } });
    expect(self.body).toMatchObject({ status: 403, detail: 'Requesters may not approve or deny their own access requests (segregation of duties).' });
    const cross = await portal.call('POST', `/api/v1/access/${mine.body.id}/approve`, { who: CONTRIB_FINANCE });
    expect(cross.body).toMatchObject({ status: 403, detail: 'You may only review access requests for data products in your own domain.' });
    expect((await portal.call('POST', `/api/v1/access/${mine.body.id}/approve`, { who: READER_FINANCE })).body.detail).toBe(
      'One of the following roles is required: Contributor, Admin',
    );
    const events = await audit(`resource_id=${mine.body.id}&order=asc`);
    expect(events.map((e: { action: string; outcome: string; reason: string | null }) => `${e.action} ${e.outcome} ${e.reason}`)).toEqual([
      'access_request.create success null',
      'access_request.approve denied self_review_forbidden',
      'access_request.approve denied cross_domain_review_forbidden',
    ]);
    expect((await portal.call('GET', `/api/v1/access/${mine.body.id}`, { who: ADMIN })).body.status).toBe('pending');
  });

  it('two concurrent approvals: one 200, the other 400, one audit event', async () => {
    const created = await portal.call('POST', '/api/v1/access', { who: REQUESTER, body: { data_product_id: 'dp-005', justification: 'race' } });
    const reviewers: Who[] = [ADMIN, { ...ADMIN, email: 'admin2@contoso.com', sub: 'admin-2' }, { ...ADMIN, email: 'admin3@contoso.com', sub: 'admin-3' }];
    const answers = await Promise.all(reviewers.map((who) => portal.call('POST', `/api/v1/access/${created.body.id}/approve`, { who })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400]);
    expect(answers.find((a) => a.status === 400)!.body.detail).toBe("Request is 'approved', only pending requests can be approved.");
    expect(await audit(`action=access_request.approve&resource_id=${created.body.id}`)).toHaveLength(1);
    const approved = answers.find((a) => a.status === 200)!.body;
    expect(Date.parse(approved.expires_at) - Date.parse(approved.reviewed_at)).toBe(90 * DAY);
  });

  it('lists own requests (by email or, without one, by sub), the review queue, and hides others', async () => {
    const noEmail: Who = { roles: ['Reader'], sub: 'sub-only' };
    await portal.call('POST', '/api/v1/access', { who: noEmail, body: { data_product_id: 'dp-002', justification: 'by sub' } });
    const own = await portal.call('GET', '/api/v1/access', { who: noEmail });
    expect(own.body.map((a: { requester_email: string }) => a.requester_email)).toEqual(['sub-only']);
    expect(own.headers.get('x-total-count')).toBe('1');
    expect((await portal.call('GET', '/api/v1/access?view=review', { who: noEmail })).status).toBe(403);
    const queue = await portal.call('GET', '/api/v1/access?view=review&status=pending', { who: CONTRIB_FINANCE });
    expect(queue.body.map((a: { data_product_id: string }) => a.data_product_id)).toEqual(['dp-003', 'dp-003']);
    expect((await portal.call('GET', '/api/v1/access?view=review', { who: { roles: ['Contributor'], sub: 'c' } })).body).toEqual([]);
    expect((await portal.call('GET', '/api/v1/access/ar-001', { who: noEmail })).body).toMatchObject({
      status: 403,
      detail: 'You can only view your own access requests.',
    });
    expect((await portal.call('GET', '/api/v1/access/ar-001', { who: CONTRIB_HR })).status).toBe(200);
    expect((await portal.call('GET', '/api/v1/access/nope', { who: ADMIN })).body).toMatchObject({ status: 404, detail: "Request 'nope' not found." });
    expect((await portal.call('GET', '/api/v1/access?view=mine', { who: ADMIN })).body).toEqual([]);
  });

  it('revokes: the requester or a reviewer; others get 403 (audited); only approved grants', async () => {
    const outsider = await portal.call('POST', '/api/v1/access/ar-001/revoke', { who: CONTRIB_FINANCE, body: { notes: 'no' } });
    expect(outsider.body).toMatchObject({ status: 403, detail: 'You are not allowed to revoke this access request.' });
    const revoked = await portal.call('POST', '/api/v1/access/ar-001/revoke', {
      who: { roles: ['Reader'], email: 'dev.team@contoso.com', sub: 'dev' },
      body: { notes: 'done with it' },
    });
    expect(revoked.body).toMatchObject({ status: 'revoked', revoked_by: 'dev.team@contoso.com', revoke_reason: 'done with it' });
    expect(revoked.body.expires_at).not.toBeNull();
    expect((await portal.call('POST', '/api/v1/access/ar-001/revoke', { who: ADMIN })).body).toMatchObject({
      status: 400,
      detail: "Request is 'revoked', only approved requests can be revoked.",
    });
    expect((await audit('resource_id=ar-001&order=asc')).map((e: { outcome: string }) => e.outcome)).toEqual(['denied', 'success']);
  });

  it('expires grants at expires_at for reads at once, and the sweeper makes it durable once', async () => {
    const created = await portal.call('POST', '/api/v1/access', {
      who: REQUESTER,
      body: { data_product_id: 'dp-002', justification: 'short', duration_days: 1 },
    });
    await portal.call('POST', `/api/v1/access/${created.body.id}/approve`, { who: ADMIN });
    clock.offsetMs = DAY + 1000;
    try {
      expect((await portal.call('GET', `/api/v1/access/${created.body.id}`, { who: REQUESTER })).body.status).toBe('expired');
      expect((await portal.call('GET', '/api/v1/access?status=expired', { who: REQUESTER })).body.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
      expect((await portal.call('POST', `/api/v1/access/${created.body.id}/revoke`, { who: ADMIN })).body.detail).toBe(
        "Request is 'expired', only approved requests can be revoked.",
      );
      const sweeper = portal.service.app.get(AccessExpirySweeper);
      expect(await sweeper.sweep()).toBe(1);
      expect(await sweeper.sweep()).toBe(0);
      const [event] = await audit(`action=access_request.expire&resource_id=${created.body.id}`);
      expect(event).toMatchObject({ actor: { sub: 'system:access-expiry' }, after: { status: 'expired', expires_at: expect.any(String) } });
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('marketplace aliases run the same workflow', async () => {
    const created = await portal.call('POST', '/api/v1/marketplace/access-requests', {
      who: { roles: ['Reader'], email: 'alias@contoso.com', sub: 'alias' },
      body: { data_product_id: 'dp-004', justification: 'alias', duration_days: 60 },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/marketplace/access-requests/${created.body.id}`);
    const listed = await portal.call('GET', `/api/v1/marketplace/access-requests?product_id=dp-004&status=pending`, { who: ADMIN });
    expect(listed.body.map((a: { id: string }) => a.id)).toContain(created.body.id);
    expect((await portal.call('PUT', `/api/v1/marketplace/access-requests/${created.body.id}/approve`, { who: CONTRIB_FINANCE })).status).toBe(403);
    const denied = await portal.call('PUT', `/api/v1/marketplace/access-requests/${created.body.id}/deny?review_notes=${encodeURIComponent('not now')}`, {
      who: ADMIN,
    });
    expect(denied.body).toMatchObject({ status: 'denied', review_notes: 'not now' });
    expect((await portal.call('PUT', `/api/v1/marketplace/access-requests/${created.body.id}/approve`, { who: ADMIN })).status).toBe(400);
    expect((await portal.call('GET', '/api/v1/marketplace/access-requests/missing', { who: ADMIN })).body.detail).toBe("Request 'missing' not found.");
  });
});
