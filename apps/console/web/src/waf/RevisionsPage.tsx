import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap, waf } from '../api/clients';
import { ConfirmButton } from '../components/ConfirmDialog';
import { DiffView } from '../components/DiffView';
import { ProblemBanner } from '../components/problems';
import { usePermissions } from '../session/session';
import { policyKey, usePolicy } from './queries';
import { Table } from '../components/Table';

const readRevision = (id: string, revision: number) =>
  unwrap(waf.GET('/api/v1/policies/{id}/revisions/{revision}', { params: { path: { id, revision: String(revision) } } }));

export function RevisionsPage() {
  const { id } = useParams() as { id: string };
  const queries = useQueryClient();
  const permissions = usePermissions();
  const policy = usePolicy(id);
  const revisions = useQuery({
    queryKey: ['waf', 'revisions', id],
    queryFn: () => unwrap(waf.GET('/api/v1/policies/{id}/revisions', { params: { path: { id } } })),
  });
  const items = revisions.data?.items ?? [];
  const newest = items[0]?.revision;
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const left = from ?? items[1]?.revision ?? newest;
  const right = to ?? newest;
  const diff = useQuery({
    queryKey: ['waf', 'revision-pair', id, left, right],
    enabled: left !== undefined && right !== undefined,
    queryFn: async () => Promise.all([readRevision(id, left!), readRevision(id, right!)]),
  });
  const rollback = useMutation({
    mutationFn: (toRevision: number) =>
      unwrap(
        waf.POST('/api/v1/policies/{id}/rollback', {
          params: { path: { id }, header: { 'If-Match': policy.data!.etag } },
          body: { toRevision, comment: `rolled back to revision ${toRevision} in the console` },
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: policyKey(id) });
      await queries.invalidateQueries({ queryKey: ['waf', 'revisions', id] });
    },
  });
  const formId = useId();
  const select = (label: string, value: number | undefined, onChange: (revision: number) => void) => (
    <div className="field">
      <label htmlFor={`${formId}-${label}`}>{label}</label>
      <select id={`${formId}-${label}`} value={value ?? ''} onChange={(event) => onChange(Number(event.target.value))}>
        {items.map((item) => (
          <option key={item.revision} value={item.revision}>
            Revision {item.revision} ({item.action})
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-labelledby={`${formId}-title`}>
      <h1 id={`${formId}-title`}>Revisions of {policy.data?.policy.name ?? 'the policy'}</h1>
      <p>
        <Link to={`/app/waf/policies/${id}`}>Back to the policy</Link>
      </p>
      <ProblemBanner error={revisions.error ?? rollback.error} />
      {rollback.isSuccess && <p role="status">Rolled back: the policy now holds the content of that revision, as a new revision.</p>}
      <Table caption="Revisions" columns={['Revision', 'Change', 'By', 'At', 'Actions']}>
        {items.map((item) => (
          <tr key={item.revision}>
            <td>{item.revision}</td>
            <td>
              {item.action}
              {item.rolledBackFrom ? ` (from revision ${item.rolledBackFrom})` : ''}
            </td>
            <td>{item.createdBy}</td>
            <td>{new Date(item.createdAt).toLocaleString()}</td>
            <td>
              {item.revision !== newest && (
                <ConfirmButton
                  label={`Roll back to revision ${item.revision}`}
                  title={`Roll back to revision ${item.revision}?`}
                  confirmLabel="Roll back"
                  disabled={!permissions.wafWrite || !policy.data}
                  disabledReason={permissions.wafWriteReason}
                  onConfirm={() => rollback.mutateAsync(item.revision)}
                >
                  <p>
                    The policy's settings, overrides, exclusions and custom rules become what they were in revision {item.revision}. This is recorded as a new
                    revision; nothing is deployed until you publish a deployment.
                  </p>
                </ConfirmButton>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {items.length > 1 && (
        <>
          <h2>Compare two revisions</h2>
          <div className="row">
            {select('Older revision', left, setFrom)}
            {select('Newer revision', right, setTo)}
          </div>
          {diff.data && (
            <DiffView before={diff.data[0].snapshot} after={diff.data[1].snapshot} beforeLabel={`Revision ${left}`} afterLabel={`Revision ${right}`} />
          )}
        </>
      )}
    </section>
  );
}
