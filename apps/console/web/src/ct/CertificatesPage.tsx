import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { components } from '@lib/contracts/ct-log';
import { ct, unwrap } from '../api/clients';
import { ConfirmButton } from '../components/ConfirmDialog';
import { ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';
import { Table } from '../components/Table';

type Certificate = components['schemas']['CertificateView'];
const REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'aACompromise',
];
const SORTS = ['logged_at', 'issued_at', 'not_after', 'subject', 'serial'] as const;

/** The certificate audit API: search, revocation (one, or all of a user's), statistics and CRL numbers. */
export function CertificatesPage() {
  const id = useId();
  const { ctWrite: writer, ctWriteReason: writerReason } = usePermissions();
  const [draft, setDraft] = useState({ subject: '', san: '', user: '', sort: 'logged_at' as (typeof SORTS)[number] });
  const [filters, setFilters] = useState(draft);
  const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
  const list = useInfiniteQuery({
    queryKey: ['ct', 'certificates', query],
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam }) =>
      unwrap(ct.GET('/api/v1/certificates', { params: { query: pageParam ? { cursor: pageParam, limit: 50 } : { ...query, count: 'true', limit: 50 } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  const certificates = list.data?.pages.flatMap((page) => page.certificates) ?? [];
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Certificate audit</h1>
      <Statistics />
      <form
        role="search"
        aria-label="Search certificates"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <div className="row">
          <TextField label="Subject contains" value={draft.subject} onValue={(subject) => setDraft({ ...draft, subject })} />
          <TextField label="DNS name (exact)" value={draft.san} onValue={(san) => setDraft({ ...draft, san })} />
          <TextField label="Issued to user" value={draft.user} onValue={(user) => setDraft({ ...draft, user })} />
          <div className="field">
            <label htmlFor={`${id}-sort`}>Sort by</label>
            <select id={`${id}-sort`} value={draft.sort} onChange={(event) => setDraft({ ...draft, sort: event.target.value as (typeof SORTS)[number] })}>
              {SORTS.map((sort) => (
                <option key={sort}>{sort}</option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit">Search</button>
      </form>
      <ProblemBanner error={list.error} />
      {list.data && <p role="status">{`${list.data.pages[0].total ?? certificates.length} certificates match`}</p>}
      {certificates.length > 0 && (
        <Table caption="Certificates" columns={['Subject', 'Names', 'User', 'Expires', 'Status', 'Actions']}>
          {certificates.map((certificate) => (
            <CertificateRow key={certificate.fingerprint} certificate={certificate} writer={writer} writerReason={writerReason} />
          ))}
        </Table>
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          Show more certificates
        </button>
      )}
      <BulkRevoke writer={writer} writerReason={writerReason} />
      <CrlNumbers writer={writer} writerReason={writerReason} />
    </section>
  );
}

function CertificateRow({ certificate, writer, writerReason }: { certificate: Certificate; writer: boolean; writerReason: string }) {
  const queries = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('keyCompromise');
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(ct.POST('/api/v1/certificates/{fingerprint}/revoke', { params: { path: { fingerprint: certificate.fingerprint } }, body: { reason } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['ct'] }),
  });
  const name = certificate.subject.cn ?? certificate.subject.dn;
  return (
    <tr>
      <td>
        <Link to={`/app/ct/certificates/${certificate.fingerprint}`}>{certificate.subject.dn}</Link>
      </td>
      <td>{certificate.san.dns.join(', ')}</td>
      <td>{certificate.issuing_user_id ?? '–'}</td>
      <td>{new Date(certificate.not_after).toLocaleDateString()}</td>
      <td>
        {certificate.status}
        {certificate.revocation && <div className="hint">{certificate.revocation.reason}</div>}
      </td>
      <td>
        {certificate.status === 'active' && (
          <ConfirmButton
            label={`Revoke ${name}`}
            title={`Revoke ${name}?`}
            confirmLabel="Revoke"
            disabled={!writer}
            disabledReason={writerReason}
            onConfirm={() => revoke.mutateAsync()}
          >
            <p>The revocation is appended to the log for good: it cannot be taken back.</p>
            <div className="field">
              <label htmlFor={`${id}-reason`}>Reason</label>
              <select id={`${id}-reason`} value={reason} onChange={(event) => setReason(event.target.value)}>
                {REASONS.map((choice) => (
                  <option key={choice}>{choice}</option>
                ))}
              </select>
            </div>
          </ConfirmButton>
        )}
        <ProblemBanner error={revoke.error} />
      </td>
    </tr>
  );
}

function BulkRevoke({ writer, writerReason }: { writer: boolean; writerReason: string }) {
  const queries = useQueryClient();
  const [user, setUser] = useState('');
  const live = useQuery({
    queryKey: ['ct', 'user-live', user],
    enabled: user !== '',
    queryFn: () => unwrap(ct.GET('/api/v1/certificates', { params: { query: { user, count: 'true', include_revoked: 'false', limit: 1 } } })),
  });
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(ct.POST('/api/v1/users/{userId}/revoke-certificates', { params: { path: { userId: user } }, body: { reason: 'affiliationChanged' } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['ct'] }),
  });
  const count = live.data?.total ?? 0;
  return (
    <section aria-label="Revoke all of a user's certificates">
      <h2>Revoke all of a user's certificates</h2>
      <TextField label="User" value={user} disabled={!writer} onValue={setUser} />
      <ConfirmButton
        label="Revoke the user's certificates"
        title={`Revoke ${count} certificates of ${user}?`}
        confirmLabel={`Revoke ${count} certificates`}
        disabled={!writer || count === 0}
        disabledReason={writer ? 'The user has no live certificate.' : writerReason}
        onConfirm={() => revoke.mutateAsync()}
      >
        <p>
          {count} live certificates of {user} are revoked (reason affiliationChanged), each with its own receipt in the log. This cannot be undone.
        </p>
      </ConfirmButton>
      {revoke.isSuccess && <p role="status">{`Revoked ${revoke.data.revoked.length} certificates of ${revoke.data.user_id}.`}</p>}
      <ProblemBanner error={revoke.error} />
    </section>
  );
}

function Statistics() {
  const id = useId();
  const stats = useQuery({ queryKey: ['ct', 'statistics'], queryFn: () => unwrap(ct.GET('/api/v1/statistics')) });
  if (!stats.data) return <ProblemBanner error={stats.error} />;
  const byStatus = Object.entries(stats.data.by_status).map(([status, count]) => ({ status, count }));
  return (
    <>
      <dl className="figures" aria-label="Certificate figures">
        <div>
          <dt>Certificates</dt>
          <dd>{stats.data.total}</dd>
        </div>
        <div>
          <dt>Issued, last 30 days</dt>
          <dd>{stats.data.issued_last_30_days}</dd>
        </div>
        <div>
          <dt>Revoked, last 30 days</dt>
          <dd>{stats.data.revoked_last_30_days}</dd>
        </div>
        <div>
          <dt>Expiring, next 30 days</dt>
          <dd>{stats.data.expiring_next_30_days}</dd>
        </div>
      </dl>
      <figure aria-labelledby={`${id}-chart`}>
        <figcaption id={`${id}-chart`}>Certificates by status (the figures above and the search below have them too)</figcaption>
        <div aria-hidden="true" style={{ width: '100%', height: 180 }}>
          <ResponsiveContainer>
            <BarChart data={byStatus} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="status" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Bar dataKey="count" name="Certificates" fill="#0b5cad" />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </>
  );
}

function CrlNumbers({ writer, writerReason }: { writer: boolean; writerReason: string }) {
  const [issuer, setIssuer] = useState('');
  const next = useMutation({ mutationFn: () => unwrap(ct.POST('/api/v1/crl/next-number', { body: { issuer } })) });
  return (
    <section aria-label="CRL numbers">
      <h2>CRL numbers</h2>
      <p className="hint">Each issuer's CRL numbers count up without gaps or reuse.</p>
      <TextField label="Issuer" value={issuer} disabled={!writer} onValue={setIssuer} />
      <button type="button" disabled={!writer || issuer === '' || next.isPending} title={writer ? undefined : writerReason} onClick={() => next.mutate()}>
        Allocate the next CRL number
      </button>
      {next.isSuccess && <p role="status">{`CRL number ${next.data.crl_number} for ${next.data.issuer}`}</p>}
      <ProblemBanner error={next.error} />
    </section>
  );
}
