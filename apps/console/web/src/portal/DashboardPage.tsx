import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { portal, unwrap } from '../api/clients';
import { ProblemBanner } from '../components/problems';
import { Table } from '../components/Table';

const FIGURES = [
  ['registered_sources', 'Registered sources'],
  ['active_pipelines', 'Active pipelines'],
  ['data_products', 'Data products'],
  ['pending_access_requests', 'Pending access requests'],
  ['last_24h_pipeline_runs', 'Pipeline runs, last 24 hours'],
  ['total_data_volume_gb', 'Data volume (GB, estimated)'],
] as const;

/** The tenant's platform figures and its domains, as the portal counts them for the signed-in user. */
export function DashboardPage() {
  const id = useId();
  const stats = useQuery({ queryKey: ['portal', 'stats'], queryFn: () => unwrap(portal.GET('/api/v1/stats')) });
  const domains = useQuery({ queryKey: ['portal', 'domains'], queryFn: () => unwrap(portal.GET('/api/v1/domains')) });
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Portal dashboard</h1>
      <ProblemBanner error={stats.error ?? domains.error} />
      {stats.data && (
        <dl className="figures" aria-label="Platform figures">
          {FIGURES.map(([key, label]) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd>{stats.data[key].toLocaleString()}</dd>
            </div>
          ))}
          <div>
            <dt>Average quality</dt>
            <dd>{(stats.data.avg_quality_score * 100).toFixed(1)} %</dd>
          </div>
        </dl>
      )}
      {domains.data && domains.data.length > 0 && (
        <>
          <h2>Domains</h2>
          <figure aria-labelledby={`${id}-chart`}>
            <figcaption id={`${id}-chart`}>Sources, pipelines and data products per domain (the table below has the same figures)</figcaption>
            <div aria-hidden="true" style={{ width: '100%', height: 260 }}>
              <ResponsiveContainer>
                <BarChart data={domains.data} accessibilityLayer={false}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="source_count" name="Sources" fill="#0b5cad" />
                  <Bar dataKey="pipeline_count" name="Pipelines" fill="#1f6f3d" />
                  <Bar dataKey="data_product_count" name="Data products" fill="#9a6700" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <Table caption="Domains" columns={['Domain', 'Sources', 'Pipelines', 'Data products', 'Average quality', 'Status']}>
            {domains.data.map((domain) => (
              <tr key={domain.name}>
                <td>{domain.name}</td>
                <td>{domain.source_count}</td>
                <td>{domain.pipeline_count}</td>
                <td>{domain.data_product_count}</td>
                <td>{(domain.avg_quality_score * 100).toFixed(1)} %</td>
                <td>{domain.status}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </section>
  );
}
