import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { portal, unwrap } from '../api/clients';
import { ProblemBanner } from '../components/problems';
import { usePermissions } from '../session/session';
import { Table } from '../components/Table';

const duration = (seconds: number | null) => (seconds === null ? 'running' : seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`);

/** Pipelines, triggering one, and the runs of the one chosen. */
export function PipelinesPage() {
  const id = useId();
  const queries = useQueryClient();
  const permissions = usePermissions();
  const [chosen, setChosen] = useState<string>();
  const pipelines = useQuery({
    queryKey: ['portal', 'pipelines'],
    queryFn: () => unwrap(portal.GET('/api/v1/pipelines', { params: { query: { limit: 200 } } })),
  });
  const runs = useQuery({
    queryKey: ['portal', 'runs', chosen],
    enabled: chosen !== undefined,
    queryFn: () => unwrap(portal.GET('/api/v1/pipelines/{id}/runs', { params: { path: { id: chosen! }, query: { limit: 50 } } })),
  });
  const trigger = useMutation({
    mutationFn: (pipeline: string) => unwrap<unknown>(portal.POST('/api/v1/pipelines/{id}/trigger', { params: { path: { id: pipeline } } })),
    onSuccess: (_, pipeline) => {
      setChosen(pipeline);
      return queries.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  const chosenName = pipelines.data?.find((pipeline) => pipeline.id === chosen)?.name;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Pipelines</h1>
      <ProblemBanner error={pipelines.error ?? trigger.error} />
      {!permissions.portalWrite && <p className="notice">{permissions.portalWriteReason}</p>}
      {trigger.isSuccess && <p role="status">Run started.</p>}
      <Table caption="Pipelines" columns={['Pipeline', 'Domain', 'Status', 'Last run', 'Actions']}>
        {(pipelines.data ?? []).map((pipeline) => (
          <tr key={pipeline.id}>
            <td>{pipeline.name}</td>
            <td>{pipeline.domain}</td>
            <td>{pipeline.status}</td>
            <td>{pipeline.last_run_at ? new Date(pipeline.last_run_at).toLocaleString() : 'never'}</td>
            <td>
              <button type="button" onClick={() => setChosen(pipeline.id)}>
                Runs of {pipeline.name}
              </button>{' '}
              <button
                type="button"
                disabled={!permissions.portalWrite || trigger.isPending}
                title={permissions.portalWrite ? undefined : permissions.portalWriteReason}
                onClick={() => trigger.mutate(pipeline.id)}
              >
                Trigger {pipeline.name}
              </button>
            </td>
          </tr>
        ))}
      </Table>
      {chosen && (
        <>
          <h2>Runs of {chosenName}</h2>
          <ProblemBanner error={runs.error} />
          {runs.data && runs.data.length === 0 && <p>No runs yet.</p>}
          {runs.data && runs.data.length > 0 && (
            <Table caption={`Runs of ${chosenName}`} columns={['Started', 'Status', 'Duration', 'Rows read / written']}>
              {runs.data.map((run) => (
                <tr key={run.id}>
                  <td>{new Date(run.started_at).toLocaleString()}</td>
                  <td>
                    {run.status}
                    {run.error_message && <div className="hint">{run.error_message}</div>}
                  </td>
                  <td>{duration(run.duration_seconds)}</td>
                  <td>
                    {run.rows_read ?? '–'} / {run.rows_written ?? '–'}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
    </section>
  );
}
