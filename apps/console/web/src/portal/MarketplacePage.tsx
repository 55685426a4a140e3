import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { portal, unwrap, withEtag } from '../api/clients';
import { ConfirmButton } from '../components/ConfirmDialog';
import { fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';
import { CAP_DAYS } from './access-rules';
import { Table } from '../components/Table';

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

/** Data products by domain and quality, with the marketplace's own figures. */
export function MarketplacePage() {
  const id = useId();
  const [filters, setFilters] = useState({ domain: '', search: '' });
  const stats = useQuery({ queryKey: ['portal', 'marketplace-stats'], queryFn: () => unwrap(portal.GET('/api/v1/marketplace/stats')) });
  const domains = useQuery({ queryKey: ['portal', 'marketplace-domains'], queryFn: () => unwrap(portal.GET('/api/v1/marketplace/domains')) });
  const products = useQuery({
    queryKey: ['portal', 'products', filters],
    placeholderData: keepPreviousData,
    queryFn: () => {
      const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
      return unwrap(portal.GET('/api/v1/marketplace/products', { params: { query: { ...query, limit: 200 } } }));
    },
  });
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Marketplace</h1>
      <ProblemBanner error={stats.error ?? products.error} />
      {stats.data && (
        <dl className="figures" aria-label="Marketplace figures">
          <div>
            <dt>Data products</dt>
            <dd>{stats.data.total_products}</dd>
          </div>
          <div>
            <dt>Domains</dt>
            <dd>{stats.data.total_domains}</dd>
          </div>
          <div>
            <dt>Average quality</dt>
            <dd>{percent(stats.data.avg_quality_score)}</dd>
          </div>
        </dl>
      )}
      <div className="row" role="search" aria-label="Filter data products">
        <div className="field">
          <label htmlFor={`${id}-domain`}>Domain</label>
          <select id={`${id}-domain`} value={filters.domain} onChange={(event) => setFilters({ ...filters, domain: event.target.value })}>
            <option value="">Any</option>
            {(domains.data ?? []).map((domain) => (
              <option key={domain.name} value={domain.name}>
                {domain.name} ({domain.product_count})
              </option>
            ))}
          </select>
        </div>
        <TextField label="Name contains" type="search" value={filters.search} onValue={(search) => setFilters({ ...filters, search })} />
      </div>
      {products.data && (
        <Table caption="Data products" columns={['Data product', 'Domain', 'Classification', 'Quality']}>
          {products.data.map((product) => (
            <tr key={product.id}>
              <td>
                <Link to={`/app/portal/marketplace/${product.id}`}>{product.name}</Link>
              </td>
              <td>{product.domain}</td>
              <td>{product.classification}</td>
              <td>{percent(product.quality_score)}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

/** One data product: its quality history as a chart (and a table), recording an assessment, and its access requests. */
export function ProductPage() {
  const { id: productId } = useParams() as { id: string };
  const id = useId();
  const queries = useQueryClient();
  const permissions = usePermissions();
  const [days, setDays] = useState(90);
  const [justification, setJustification] = useState('');
  const product = useQuery({
    queryKey: ['portal', 'product', productId],
    queryFn: () => withEtag(portal.GET('/api/v1/marketplace/products/{id}', { params: { path: { id: productId } } })),
  });
  const history = useQuery({
    queryKey: ['portal', 'quality', productId, days],
    queryFn: () => unwrap(portal.GET('/api/v1/marketplace/products/{id}/quality', { params: { path: { id: productId }, query: { days } } })),
  });
  const requests = useQuery({
    queryKey: ['portal', 'product-requests', productId],
    queryFn: () => unwrap(portal.GET('/api/v1/marketplace/access-requests', { params: { query: { product_id: productId, limit: 50 } } })),
  });
  const assess = useMutation({
    mutationFn: () =>
      unwrap(portal.POST('/api/v1/marketplace/products/{id}/quality', { params: { path: { id: productId }, header: { 'If-Match': product.data!.etag } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['portal'] }),
  });
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(portal.DELETE('/api/v1/marketplace/products/{id}', { params: { path: { id: productId }, header: { 'If-Match': product.data!.etag } } })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['portal'] });
      navigate('/app/portal/marketplace');
    },
  });
  const request = useMutation({
    // The longest grant the product's classification allows, at most the usual 90 days.
    mutationFn: () =>
      unwrap(
        portal.POST('/api/v1/marketplace/access-requests', {
          body: { data_product_id: productId, justification, duration_days: Math.min(90, CAP_DAYS[product.data!.value.classification] ?? 90) },
        }),
      ),
    onSuccess: async () => {
      setJustification('');
      await queries.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  const errors = fieldErrors(request.error);
  if (product.isPending) return <p>Loading the data product…</p>;
  if (product.isError) return <ProblemBanner error={product.error} />;
  const item = product.data.value;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Data product {item.name}</h1>
      <p>
        <Link to="/app/portal/marketplace">Back to the marketplace</Link>
      </p>
      <p>{item.description}</p>
      <dl className="facts">
        <dt>Domain</dt>
        <dd>{item.domain}</dd>
        <dt>Classification</dt>
        <dd>{item.classification}</dd>
        <dt>Quality</dt>
        <dd>{percent(item.quality_score)}</dd>
        <dt>Owner</dt>
        <dd>{item.owner.name}</dd>
      </dl>
      <h2>Quality history</h2>
      <div className="field">
        <label htmlFor={`${id}-days`}>Period</label>
        <select id={`${id}-days`} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          <option value={30}>Last 30 days</option>
          <option value={90}>Last 90 days</option>
          <option value={365}>Last year</option>
        </select>
      </div>
      <ProblemBanner error={history.error ?? assess.error} />
      {history.data && history.data.length > 0 && (
        <>
          <figure aria-labelledby={`${id}-chart`}>
            <figcaption id={`${id}-chart`}>Quality score and completeness over time (the table below has the same figures)</figcaption>
            <div aria-hidden="true" style={{ width: '100%', height: 240 }}>
              <ResponsiveContainer>
                <LineChart data={[...history.data].sort((a, b) => a.date.localeCompare(b.date))} accessibilityLayer={false}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="date" />
                  <YAxis domain={[0, 1]} tickFormatter={(value: number) => `${Math.round(value * 100)}%`} />
                  <Tooltip />
                  <Legend />
                  <Line type="monotone" dataKey="quality_score" name="Quality" stroke="#0b5cad" dot={false} />
                  <Line type="monotone" dataKey="completeness" name="Completeness" stroke="#1f6f3d" dot={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <Table caption="Quality history" columns={['Date', 'Quality', 'Completeness', 'Freshness (hours)', 'Rows']}>
            {history.data.map((point) => (
              <tr key={point.date}>
                <td>{point.date}</td>
                <td>{percent(point.quality_score)}</td>
                <td>{percent(point.completeness)}</td>
                <td>{point.freshness_hours}</td>
                <td>{point.row_count.toLocaleString()}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
      {history.data && history.data.length === 0 && <p>No quality points in this period.</p>}
      {!permissions.portalWrite && <p className="notice">{permissions.portalWriteReason}</p>}
      <button type="button" disabled={!permissions.portalWrite || assess.isPending} onClick={() => assess.mutate()}>
        Record a quality assessment
      </button>
      {assess.isSuccess && <p role="status">Assessment recorded.</p>}{' '}
      <ConfirmButton
        label="Delete this data product"
        title={`Delete ${item.name}?`}
        confirmLabel="Delete"
        disabled={!permissions.portalAdmin}
        disabledReason="Only an Admin deletes data products."
        onConfirm={() => remove.mutateAsync()}
      >
        <p>{item.name}, its quality history and every access request for it are deleted. The audit trail keeps the record; nothing else can bring it back.</p>
      </ConfirmButton>
      <ProblemBanner error={remove.error} />
      <h2>Access</h2>
      <form
        aria-label="Request access to this product"
        onSubmit={(event) => {
          event.preventDefault();
          request.mutate();
        }}
      >
        <p className="hint">
          Read access for {Math.min(90, CAP_DAYS[item.classification] ?? 90)} days, the most its {item.classification} classification allows up to 90.
        </p>
        <ProblemBanner error={request.error} shown={['justification']} />
        <TextField label="Justification" value={justification} error={errors.justification} onValue={setJustification} />
        <button type="submit" className="primary" disabled={request.isPending}>
          Request read access
        </button>
      </form>
      {requests.data && requests.data.length > 0 && (
        <Table caption={`Access requests for ${item.name}`} columns={['Requester', 'Level', 'Status']}>
          {requests.data.map((entry) => (
            <tr key={entry.id}>
              <td>{entry.requester_email}</td>
              <td>{entry.access_level}</td>
              <td>{entry.status}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
