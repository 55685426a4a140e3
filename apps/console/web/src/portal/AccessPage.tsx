import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { components } from '@lib/contracts/portal';
import { portal, unwrap } from '../api/clients';
import { ConfirmButton } from '../components/ConfirmDialog';
import { fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { usePermissions, useSession } from '../session/session';
import { CAP_DAYS, ELEVATED } from './access-rules';
import { Table } from '../components/Table';

type AccessRequest = components['schemas']['AccessRequest'];
type Product = components['schemas']['DataProduct'];

export function AccessPage() {
  const id = useId();
  const { session } = useSession();
  const products = useQuery({
    queryKey: ['portal', 'products'],
    queryFn: () => unwrap(portal.GET('/api/v1/marketplace/products', { params: { query: { limit: 200 } } })),
  });
  const mine = useQuery({
    queryKey: ['portal', 'access', 'mine'],
    queryFn: () => unwrap(portal.GET('/api/v1/access', { params: { query: { view: 'mine', limit: 200 } } })),
  });
  const review = useQuery({
    queryKey: ['portal', 'access', 'review'],
    queryFn: () => unwrap(portal.GET('/api/v1/access', { params: { query: { view: 'review', limit: 200 } } })),
  });
  const byId = new Map((products.data ?? []).map((product) => [product.id, product]));
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Access requests</h1>
      <RequestAccess products={products.data ?? []} />
      <h2>My requests</h2>
      <ProblemBanner error={mine.error} />
      <Requests label="My requests" requests={mine.data ?? []} products={byId} me={session.email} />
      <h2>To review</h2>
      <ProblemBanner error={review.error} />
      <Requests label="Requests to review" requests={review.data ?? []} products={byId} me={session.email} />
    </section>
  );
}

function RequestAccess({ products }: { products: Product[] }) {
  const queries = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState({ product: '', justification: '', level: 'read', days: '30' });
  const product = products.find((candidate) => candidate.id === draft.product);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        portal.POST('/api/v1/access', {
          body: { data_product_id: draft.product, justification: draft.justification, access_level: draft.level as 'read', duration_days: Number(draft.days) },
        }),
      ),
    onSuccess: async () => {
      setDraft({ ...draft, justification: '' });
      await queries.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <form
      aria-label="Request access"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2>Request access to a data product</h2>
      <ProblemBanner error={create.error} shown={['data_product_id', 'justification', 'access_level', 'duration_days']} />
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-product`}>Data product</label>
          <select id={`${id}-product`} value={draft.product} onChange={(event) => setDraft({ ...draft, product: event.target.value })}>
            <option value="">Choose a data product</option>
            {products.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} ({candidate.domain}, {candidate.classification})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`}>Access level</label>
          <select id={`${id}-level`} value={draft.level} onChange={(event) => setDraft({ ...draft, level: event.target.value })}>
            <option value="read">read</option>
            <option value="read_write">read_write</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <TextField label="Days" type="number" value={draft.days} error={errors.duration_days} onValue={(days) => setDraft({ ...draft, days })} />
      </div>
      {product && (
        <p className="notice" role="note">
          {product.classification} data: grants last at most {CAP_DAYS[product.classification] ?? 365} days; a longer request is refused.
          {ELEVATED.includes(product.classification) && ' Restricted data needs a manager’s approval as well: the request says so to its reviewer.'}
        </p>
      )}
      <TextField
        label="Justification"
        value={draft.justification}
        error={errors.justification}
        onValue={(justification) => setDraft({ ...draft, justification })}
      />
      <button type="submit" className="primary" disabled={create.isPending || draft.product === ''}>
        Request access
      </button>
    </form>
  );
}

function Requests({ label, requests, products, me }: { label: string; requests: AccessRequest[]; products: Map<string, Product>; me?: string }) {
  const queries = useQueryClient();
  const permissions = usePermissions();
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'deny' | 'revoke' }) => {
      const params = { params: { path: { id } }, body: { notes: `${decision} in the console` } };
      if (decision === 'approve') return unwrap<unknown>(portal.POST('/api/v1/access/{id}/approve', params));
      if (decision === 'deny') return unwrap<unknown>(portal.POST('/api/v1/access/{id}/deny', params));
      return unwrap<unknown>(portal.POST('/api/v1/access/{id}/revoke', params));
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['portal'] }),
  });
  if (requests.length === 0) return <p>None.</p>;
  return (
    <>
      <ProblemBanner error={decide.error} />
      <Table caption={label} columns={['Data product', 'Requester', 'Level and days', 'Status', 'Actions']}>
        {requests.map((request) => {
          const product = products.get(request.data_product_id);
          const refusal = permissions.portalReview(request.requester_email, product?.domain);
          const name = product?.name ?? request.data_product_id;
          const button = (decision: 'approve' | 'deny' | 'revoke', text: string, consequence: string) => (
            <ConfirmButton
              label={`${text} ${request.requester_email} on ${name}`}
              title={`${text} this request?`}
              confirmLabel={text}
              disabled={refusal !== undefined}
              disabledReason={refusal}
              onConfirm={() => decide.mutateAsync({ id: request.id, decision })}
            >
              <p>{consequence}</p>
            </ConfirmButton>
          );
          return (
            <tr key={request.id}>
              <td>{name}</td>
              <td>{request.requester_email === me ? `${request.requester_email} (you)` : request.requester_email}</td>
              <td>
                {request.access_level}, {request.duration_days} days
                {request.elevated_review_note && <div className="hint">{request.elevated_review_note}</div>}
              </td>
              <td>{request.status}</td>
              <td>
                {request.status === 'pending' && (
                  <>
                    {button('approve', 'Approve', `${request.requester_email} gets ${request.access_level} access for at most ${request.duration_days} days.`)}
                    {button('deny', 'Deny', 'The request is closed; the requester may ask again.')}
                  </>
                )}
                {request.status === 'approved' &&
                  button('revoke', 'Revoke', `${request.requester_email} loses access to ${name} now, before the grant expires.`)}
                {refusal && ['pending', 'approved'].includes(request.status) && <p className="hint">{refusal}</p>}
              </td>
            </tr>
          );
        })}
      </Table>
    </>
  );
}
