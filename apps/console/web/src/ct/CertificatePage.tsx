import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { ct, unwrap } from '../api/clients';
import { ProblemBanner } from '../components/problems';
import { Table } from '../components/Table';

/** One certificate: its facts, the log entries that record its issuance and revocation, and their receipts. */
export function CertificatePage() {
  const { fingerprint } = useParams() as { fingerprint: string };
  const id = useId();
  const certificate = useQuery({
    queryKey: ['ct', 'certificate', fingerprint],
    queryFn: () => unwrap(ct.GET('/api/v1/certificates/{fingerprint}', { params: { path: { fingerprint }, query: { include_proof: 'true' } } })),
  });
  if (certificate.isPending) return <p>Loading the certificate…</p>;
  if (certificate.isError) return <ProblemBanner error={certificate.error} />;
  const item = certificate.data;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Certificate {item.subject.cn ?? item.subject.dn}</h1>
      <p>
        <Link to="/app/ct/certificates">Back to the certificate audit</Link>
      </p>
      <dl className="facts" aria-label="Certificate">
        <dt>Subject</dt>
        <dd>{item.subject.dn}</dd>
        <dt>Issuer</dt>
        <dd>{item.issuer.dn}</dd>
        <dt>Serial</dt>
        <dd>
          <code>{item.serial}</code>
        </dd>
        <dt>Names</dt>
        <dd>{[...item.san.dns, ...item.san.ip, ...item.san.email].join(', ') || '–'}</dd>
        <dt>Valid</dt>
        <dd>
          {new Date(item.not_before).toLocaleString()} – {new Date(item.not_after).toLocaleString()}
        </dd>
        <dt>Key</dt>
        <dd>
          {item.key_algorithm} {item.key_size ?? ''}, signed with {item.signature_algorithm}
        </dd>
        <dt>Type</dt>
        <dd>{item.certificate_type}</dd>
        <dt>Issued to</dt>
        <dd>{item.issuing_user_id ?? '–'}</dd>
        <dt>Status</dt>
        <dd>{item.status}</dd>
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <code>{item.fingerprint}</code>
        </dd>
      </dl>
      <h2>Events in the log</h2>
      <Table caption="Events of this certificate" columns={['Event', 'When', 'Log entry (receipt)']}>
        <tr>
          <td>issued</td>
          <td>{new Date(item.issued_at).toLocaleString()}</td>
          <td>
            {item.log} #{item.leaf_index}, logged {new Date(item.timestamp).toLocaleString()}
          </td>
        </tr>
        {item.revocation && (
          <tr>
            <td>
              revoked ({item.revocation.reason}
              {item.revocation.revoked_by ? ` by ${item.revocation.revoked_by}` : ''})
            </td>
            <td>{item.revocation.revoked_at ? new Date(item.revocation.revoked_at).toLocaleString() : '–'}</td>
            <td>
              {item.revocation.log} #{item.revocation.leaf_index}, logged {new Date(item.revocation.timestamp).toLocaleString()}
            </td>
          </tr>
        )}
      </Table>
      {item.proof && (
        <details>
          <summary>Inclusion proofs and head (as the API gives them)</summary>
          <pre className="code">{JSON.stringify(item.proof, null, 2)}</pre>
        </details>
      )}
    </section>
  );
}
