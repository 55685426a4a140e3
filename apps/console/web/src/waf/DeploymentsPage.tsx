import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { ApiError, unwrap, waf } from '../api/clients';
import { ProblemBanner } from '../components/problems';
import { usePermissions } from '../session/session';
import { Table } from '../components/Table';

export function DeploymentsPage() {
  const queries = useQueryClient();
  const permissions = usePermissions();
  const id = useId();
  const pending = useQuery({ queryKey: ['waf', 'pending'], queryFn: () => unwrap(waf.GET('/api/v1/deployments/pending')) });
  const deployments = useQuery({
    queryKey: ['waf', 'deployments'],
    queryFn: () => unwrap(waf.GET('/api/v1/deployments', { params: { query: { limit: 20 } } })),
  });
  const nodes = useQuery({ queryKey: ['waf', 'nodes'], queryFn: () => unwrap(waf.GET('/api/v1/nodes')) });
  const publish = useMutation({
    mutationFn: () =>
      unwrap(waf.POST('/api/v1/deployments', { body: { expectedChecksum: pending.data?.currentChecksum, comment: 'published from the console' } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ['waf'] }),
  });
  const busy = publish.error instanceof ApiError && publish.error.problem.status === 409 ? publish.error.headers.get('retry-after') : null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Deployments</h1>
      <h2>What is pending</h2>
      <ProblemBanner error={pending.error} />
      {pending.data &&
        (pending.data.pending ? (
          <ul aria-label="Pending changes">
            {pending.data.changes.map((change) => (
              <li key={change.vhostId}>
                {change.domain}: {change.change}
              </li>
            ))}
          </ul>
        ) : (
          <p>Nothing is pending: the nodes serve what the panel renders.</p>
        ))}
      {!permissions.wafWrite && <p className="notice">{permissions.wafWriteReason}</p>}
      <button
        type="button"
        className="primary"
        disabled={!permissions.wafWrite || !pending.data?.pending || publish.isPending}
        onClick={() => publish.mutate()}
      >
        Publish a deployment
      </button>
      {publish.isSuccess && <p role="status">Published deployment {publish.data.sequence}.</p>}
      {busy !== null ? (
        <p role="alert" className="problem">
          Another deployment is in progress; try again in {busy} seconds.
        </p>
      ) : (
        <ProblemBanner error={publish.error} />
      )}
      <h2>Recent deployments</h2>
      <ProblemBanner error={deployments.error} />
      <Table caption="Recent deployments" columns={['Sequence', 'Status', 'Checksum', 'Engine check', 'By', 'At']}>
        {(deployments.data?.items ?? []).map((deployment) => (
          <tr key={deployment.id}>
            <td>{deployment.sequence}</td>
            <td>{deployment.status}</td>
            <td>
              <code>{deployment.checksum.slice(0, 12)}</code>
            </td>
            <td>{deployment.errors.length === 0 ? 'passed' : deployment.errors.map((error) => error.message).join('; ')}</td>
            <td>{deployment.createdBy}</td>
            <td>{new Date(deployment.createdAt).toLocaleString()}</td>
          </tr>
        ))}
      </Table>
      <h2>Nodes</h2>
      <ProblemBanner error={nodes.error} />
      {nodes.data && nodes.data.items.length === 0 && <p>No node has pulled a deployment yet.</p>}
      {nodes.data && nodes.data.items.length > 0 && (
        <Table caption="Nodes" columns={['Node', 'Serves', 'Last pull', 'Answer', 'Applied', 'Engine']}>
          {nodes.data.items.map((node) => (
            <tr key={node.nodeId}>
              <td>{node.nodeId}</td>
              <td>{node.current ? 'the current deployment' : 'an older deployment (version mismatch)'}</td>
              <td>{node.lastPullAt ? new Date(node.lastPullAt).toLocaleString() : 'never'}</td>
              <td>{node.lastPullResult}</td>
              <td>
                {node.applyStatus === null ? (
                  'not reported'
                ) : node.applyStatus === 'applied' ? (
                  <>
                    applied <code>{node.applyChecksum?.slice(0, 12)}</code>
                  </>
                ) : (
                  <>
                    <strong>failed</strong> <code>{node.applyChecksum?.slice(0, 12)}</code>; it keeps serving the previous deployment:
                    <pre className="engine-error">{node.applyError}</pre>
                  </>
                )}
              </td>
              <td>{node.engineVersion ? `${node.engineVersion}, CRS ${node.crsVersion}` : ''}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
