import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { ct, unwrap } from '../api/clients';
import { ProblemBanner } from '../components/problems';

const age = (ms: number) =>
  ms < 120_000 ? `${Math.round(ms / 1000)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`;

/** The tenant's logs: state, size, and how old the latest signed head is. */
export function CtLogsPage() {
  const id = useId();
  const logs = useQuery({ queryKey: ['ct', 'logs'], queryFn: () => unwrap(ct.GET('/api/v1/admin/logs')) });
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>CT logs</h1>
      <ProblemBanner error={logs.error} />
      {logs.data && logs.data.logs.length === 0 && <p>No logs yet.</p>}
      {logs.data && logs.data.logs.length > 0 && (
        <table>
          <caption className="visually-hidden">CT logs</caption>
          <thead>
            <tr>
              <th scope="col">Log</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col">Tree size</th>
              <th scope="col">Latest head</th>
              <th scope="col">Submissions</th>
            </tr>
          </thead>
          <tbody>
            {logs.data.logs.map((log) => (
              <tr key={log.name}>
                <td>
                  <Link to={`/app/ct/logs/${log.name}`}>{log.name}</Link>
                </td>
                <td>{log.kind}</td>
                <td>{log.state}</td>
                <td>{log.tree_size ?? '–'}</td>
                <td>{log.sth ? `${age(Date.now() - log.sth.timestamp)} old` : 'none yet'}</td>
                <td>{log.config.submission}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
