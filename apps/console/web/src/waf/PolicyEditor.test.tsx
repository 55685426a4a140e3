import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../session/session';
import { PolicyEditorPage } from './PolicyEditor';

const ID = '5f0c7a3e-0000-4000-8000-000000000001';
const policy = (version: number, changes: Record<string, unknown> = {}) => ({
  id: ID,
  version,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'alice',
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: version === 1 ? 'alice' : 'bob',
  name: 'Shop policy',
  description: '',
  mode: 'blocking',
  blockingParanoiaLevel: 1,
  detectionParanoiaLevel: null,
  inboundAnomalyThreshold: 5,
  outboundAnomalyThreshold: 4,
  earlyBlocking: false,
  enforceUrlencodedBodyProcessor: false,
  skipResponseAnalysis: false,
  allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'],
  allowedRequestContentTypes: null,
  requestBodyLimitBytes: 13107200,
  maxNumArgs: null,
  argNameLength: null,
  argLength: null,
  totalArgLength: null,
  maxFileSize: null,
  combinedFileSizes: null,
  ipAllow: [],
  ipDeny: [],
  overrides: [],
  exclusions: [],
  customRules: [],
  assignedVhostIds: [],
  warnings: [],
  ...changes,
});
const etag = (version: number) => `"${ID}-${version}"`;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } });

/** The console's answers for this screen: a policy that Bob changes to version 2 before Alice saves. */
function fakeConsole() {
  let stored = policy(1);
  const patches: Array<{ ifMatch: string | null; body: Record<string, unknown> }> = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://console.test'), init);
    const path = new URL(request.url, 'http://console.test').pathname;
    if (path === '/session')
      return json(200, { signedIn: true, authMode: 'dev', devSignIn: true, roles: ['Admin'], tenant: 't', subject: 'alice', csrfToken: 'csrf' });
    if (path === '/waf/api/v1/engine') return json(200, { crsVersion: '4.8.0', crsMajor: 4 });
    if (path === `/waf/api/v1/policies/${ID}` && request.method === 'GET') return json(200, stored, { etag: etag(stored.version) });
    if (path === `/waf/api/v1/policies/${ID}` && request.method === 'PATCH') {
      const body = (await request.json()) as Record<string, unknown>;
      patches.push({ ifMatch: request.headers.get('if-match'), body });
      if (patches.length === 1) {
        // Bob saved first.
        stored = policy(2, { inboundAnomalyThreshold: 10 });
        return json(412, { status: 412, title: 'Precondition Failed', current: stored, etag: etag(2) }, { etag: etag(2) });
      }
      stored = policy(3, body);
      return json(200, stored, { etag: etag(3) });
    }
    return json(404, { status: 404, title: 'Not Found' });
  });
  return { fetchMock, patches };
}

afterEach(() => vi.unstubAllGlobals());

describe('the policy editor on 412', () => {
  it('shows what changed since the policy was loaded, and re-applies the edit with the new ETag', async () => {
    const { fetchMock, patches } = fakeConsole();
    vi.stubGlobal('fetch', fetchMock);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <SessionProvider fallback={<p>Loading</p>}>
          <MemoryRouter initialEntries={[`/app/waf/policies/${ID}`]}>
            <Routes>
              <Route path="/app/waf/policies/:id" element={<PolicyEditorPage />} />
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Description'), { target: { value: 'Tuned for the blog' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    await screen.findByRole('heading', { name: 'Someone else changed this policy' });
    expect(patches[0].ifMatch).toBe(etag(1));
    const diff = screen.getByRole('table', { name: 'Differences between When you loaded it and Now' });
    const changed = within(diff).getAllByRole('row', { name: 'changed' });
    expect(changed.map((row) => row.textContent)).toEqual([expect.stringMatching(/"inboundAnomalyThreshold": 5.*"inboundAnomalyThreshold": 10/)]);
    fireEvent.click(screen.getByRole('button', { name: 'Re-apply my changes over theirs' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
    expect(patches[1].ifMatch).toBe(etag(2));
    expect(patches[1].body).toMatchObject({ description: 'Tuned for the blog', inboundAnomalyThreshold: 5 });
  });
});
