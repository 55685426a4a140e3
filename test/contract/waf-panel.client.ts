/** Representative calls of the WAF panel's API through its generated types (compiled under --strict). */
import type { Client } from 'openapi-fetch';
import type { paths } from '../../libs/contracts/waf-panel';

export async function exerciseWafPanel(waf: Client<paths>, node: Client<paths>): Promise<void> {
  const created = await waf.POST('/api/v1/policies', { body: { name: 'Contract policy', mode: 'blocking', ipDeny: ['203.0.113.0/24'] } });
  const policy = created.data!;
  const policyPath = { params: { path: { id: policy.id } } };
  await waf.GET('/api/v1/policies', { params: { query: { q: 'contract', limit: 10 } } });
  const read = await waf.GET('/api/v1/policies/{id}', policyPath);
  const etag = read.response.headers.get('etag')!;
  const ifMatch = (tag: string) => ({ 'If-Match': tag });
  await waf.PATCH('/api/v1/policies/{id}', { params: { path: { id: policy.id }, header: ifMatch(etag) }, body: { inboundAnomalyThreshold: 7 } });
  await waf.PATCH('/api/v1/policies/{id}', { params: { path: { id: policy.id }, header: ifMatch(etag) }, body: { blockingParanoiaLevel: 9 } });

  const children = { params: { path: { policyId: policy.id } } };
  const override = await waf.POST('/api/v1/policies/{policyId}/overrides', { ...children, body: { ruleId: 942100, comment: 'false positive on search' } });
  await waf.POST('/api/v1/policies/{policyId}/exclusions', {
    ...children,
    body: { ruleId: 942100, variable: { collection: 'ARGS', key: 'q' }, path: '/search' },
  });
  await waf.POST('/api/v1/policies/{policyId}/custom-rules', {
    ...children,
    body: {
      ruleId: 10001,
      phase: 2,
      variables: [{ collection: 'ARGS', key: 'x' }],
      operator: 'streq',
      argument: 'attack',
      action: 'deny',
      severity: 'CRITICAL',
      message: 'contract rule',
    },
  });
  await waf.GET('/api/v1/policies/{policyId}/overrides', children);
  await waf.GET('/api/v1/policies/{policyId}/exclusions', children);
  await waf.GET('/api/v1/policies/{policyId}/custom-rules', children);
  const child = { params: { path: { policyId: policy.id, id: override.data!.id } } };
  const overrideRead = await waf.GET('/api/v1/policies/{policyId}/overrides/{id}', child);
  await waf.PATCH('/api/v1/policies/{policyId}/overrides/{id}', {
    params: { ...child.params, header: ifMatch(overrideRead.response.headers.get('etag')!) },
    body: { comment: 'still a false positive' },
  });

  await waf.GET('/api/v1/policies/{id}/revisions', policyPath);
  await waf.GET('/api/v1/policies/{id}/revisions/{revision}', { params: { path: { id: policy.id, revision: '1' } } });
  await waf.GET('/api/v1/policies/{id}/diff', { params: { path: { id: policy.id }, query: { from: 1 } } });
  const current = await waf.GET('/api/v1/policies/{id}', policyPath);
  await waf.POST('/api/v1/policies/{id}/rollback', {
    params: { path: { id: policy.id }, header: ifMatch(current.response.headers.get('etag')!) },
    body: { toRevision: 1, comment: 'back' },
  });

  const vhost = await waf.POST('/api/v1/vhosts', { body: { domain: 'contract.example.com', backends: [{ url: 'http://app:8080' }], policyId: policy.id } });
  await waf.GET('/api/v1/vhosts', { params: { query: { domain: 'contract', enabled: 'true' } } });
  const vhostPath = { params: { path: { id: vhost.data!.id } } };
  await waf.GET('/api/v1/vhosts/{id}', vhostPath);
  await waf.GET('/api/v1/vhosts/{id}/render', { params: { path: { id: vhost.data!.id }, query: { format: 'json' } } });

  await waf.GET('/api/v1/deployments/pending');
  const deployment = await waf.POST('/api/v1/deployments', { body: { comment: 'contract' } });
  await waf.GET('/api/v1/deployments', { params: { query: { limit: 5 } } });
  await waf.GET('/api/v1/deployments/current');
  await waf.GET('/api/v1/deployments/{id}', { params: { path: { id: deployment.data!.id }, query: { include: 'content' } } });
  const pulled = await node.GET('/api/v1/node/deployment', {});
  await node.GET('/api/v1/node/deployment', { headers: { 'if-none-match': `"${pulled.data!.checksum}"` } });
  await waf.GET('/api/v1/nodes');

  const exported = await waf.GET('/api/v1/policies/export');
  await waf.POST('/api/v1/policies/import', { params: { query: { mode: 'strict' } }, body: exported.data! });
  await waf.GET('/api/v1/policies/{id}/export', policyPath);
  const audit = await waf.GET('/api/v1/audit-events', { params: { query: { action: 'policy.*', limit: 5 } } });
  await waf.GET('/api/v1/audit-events/{id}', { params: { path: { id: audit.data!.items[0].id } } });
  await waf.GET('/api/v1/engine');
  await waf.GET('/api/v1/policies/{id}', { params: { path: { id: 'a0000000-0000-4000-8000-00000000000a' } } });
}
