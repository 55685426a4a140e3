/** Representative calls of the portal's API through its generated types (compiled under --strict). */
import type { Client } from 'openapi-fetch';
import type { paths } from '../../libs/contracts/portal';

export async function exercisePortal(portal: Client<paths>): Promise<void> {
  const sources = await portal.GET('/api/v1/sources', { params: { query: { limit: 5, sort: 'name' } } });
  const source = await portal.GET('/api/v1/sources/{id}', { params: { path: { id: sources.data![0].id } } });
  void source;
  await portal.POST('/api/v1/sources', {
    body: {
      name: 'contract-source',
      source_type: 'postgresql',
      domain: 'finance',
      connection: { host: 'db.contoso.com' },
      owner: { name: 'Owner', email: 'owner@contoso.com', team: 'data' },
    },
  });
  await portal.GET('/api/v1/pipelines', {});
  await portal.GET('/api/v1/access', {});
  await portal.GET('/api/v1/marketplace/products', { params: { query: { limit: 5 } } });
  await portal.GET('/api/v1/marketplace/domains');
  await portal.GET('/api/v1/stats');
  await portal.GET('/api/v1/domains');
  await portal.GET('/api/v1/audit/verify');
  await portal.GET('/api/v1/health');
  await portal.GET('/api/v1/sources/{id}', { params: { path: { id: 'a0000000-0000-4000-8000-00000000000a' } } });
  await portal.POST('/api/v1/sources', {
    body: { name: '', source_type: 'postgresql', domain: 'finance', connection: {}, owner: { name: 'Owner', email: 'not-an-address', team: 'data' } },
  });
}
