/** Representative calls of the CT log's API through its generated types (compiled under --strict). */
import type { Client } from 'openapi-fetch';
import type { paths } from '../../libs/contracts/ct-log';
import { createRoot, issue } from '../../apps/ct-log/test/test-pki';

export interface CtClients {
  admin: Client<paths>;
  submitter: Client<paths>;
  reader: Client<paths>;
  anonymous: Client<paths>;
}

export async function exerciseCtLog({ admin, submitter, reader, anonymous }: CtClients, serving: (log: string) => Promise<void>): Promise<void> {
  const root = await createRoot('Contract Root');
  await admin.POST('/api/v1/admin/logs', { body: { name: 'contract', kind: 'rfc6962', key: 'generate', roots: [root.b64], config: { batch_max_age_ms: 10 } } });
  await admin.POST('/api/v1/admin/logs', { body: { name: 'contract-audit', kind: 'events', key: 'generate' } });
  await admin.POST('/api/v1/admin/logs', { body: { name: 'Not A Name', kind: 'rfc6962', key: 'generate' } });
  await serving('contract');
  await serving('contract-audit');
  await admin.GET('/api/v1/admin/logs');
  const log = { params: { path: { name: 'contract' } } };
  const read = await admin.GET('/api/v1/admin/logs/{name}', log);
  await admin.PATCH('/api/v1/admin/logs/{name}', {
    params: { path: { name: 'contract' }, header: { 'If-Match': read.response.headers.get('etag')! } },
    body: { description: 'contract log' },
  });
  const other = await createRoot('Second Root');
  const added = await admin.POST('/api/v1/admin/logs/{name}/roots', { ...log, body: { certificate: other.b64 } });
  await admin.DELETE('/api/v1/admin/logs/{name}/roots/{fingerprint}', { params: { path: { name: 'contract', fingerprint: added.data!.fingerprint } } });

  const path = { params: { path: { log: 'contract' } } };
  const leaf = await issue(root, { cn: 'leaf.contract.example', dns: ['leaf.contract.example'] });
  await submitter.POST('/logs/{log}/ct/v1/add-chain', { ...path, body: { chain: [leaf.b64, root.b64] } });
  await submitter.POST('/logs/{log}/ct/v1/add-pre-chain', { ...path, body: { chain: [leaf.b64, root.b64] } });
  await anonymous.POST('/logs/{log}/ct/v1/add-chain', { ...path, body: { chain: [leaf.b64] } });
  const sth = await anonymous.GET('/logs/{log}/ct/v1/get-sth', path);
  const size = sth.data!.tree_size;
  await anonymous.GET('/logs/{log}/ct/v1/get-sth-consistency', { params: { path: { log: 'contract' }, query: { first: 0, second: size } } });
  await anonymous.GET('/logs/{log}/ct/v1/get-entries', { params: { path: { log: 'contract' }, query: { start: 0, end: size - 1 } } });
  const proof = await anonymous.GET('/logs/{log}/ct/v1/get-entry-and-proof', {
    params: { path: { log: 'contract' }, query: { leaf_index: 0, tree_size: size } },
  });
  void proof;
  await anonymous.GET('/logs/{log}/ct/v1/get-proof-by-hash', {
    params: { path: { log: 'contract' }, query: { hash: Buffer.alloc(32).toString('base64'), tree_size: size } },
  });
  await anonymous.GET('/logs/{log}/ct/v1/get-roots', path);
  await anonymous.GET('/logs/{log}/checkpoint', { ...path, parseAs: 'text' });
  await anonymous.GET('/logs/{log}/metadata', path);
  await anonymous.GET('/logs/{log}/heads', { params: { path: { log: 'contract' }, query: { limit: 10 } } });
  await anonymous.GET('/logs/{log}/tile/{path}', { params: { path: { log: 'contract', path: '0/000.p/1' } }, parseAs: 'arrayBuffer' });
  await anonymous.GET('/logs/{log}/ct/v1/get-sth', { params: { path: { log: 'no-such-log' } } });

  const certificate = await issue(root, { cn: 'www.contract.example', dns: ['www.contract.example'] });
  const receipt = await submitter.POST('/api/v1/certificates', {
    body: { certificate_pem: certificate.pem, certificate_type: 'server', issuing_user_id: 'user-1', requester_info: { ip: '192.0.2.1' } },
  });
  await submitter.POST('/api/v1/certificates', {
    body: { certificate_pem: certificate.pem, certificate_type: 'server', issuing_user_id: 'user-1', requester_info: { ip: '192.0.2.1' } },
  });
  await submitter.POST('/api/v1/certificates', { body: { certificate_pem: 'not a certificate', certificate_type: 'server' } });
  const fingerprint = receipt.data!.fingerprint;
  await reader.GET('/api/v1/certificates', { params: { query: { type: 'server', count: 'true', include_pem: 'true' } } });
  await reader.GET('/api/v1/certificates/{fingerprint}', { params: { path: { fingerprint }, query: { include_proof: 'true' } } });
  await reader.GET('/api/v1/certificates/serial/{serial}', { params: { path: { serial: '00' } } });
  await reader.GET('/api/v1/search', { params: { query: { q: 'contract' } } });
  await reader.GET('/api/v1/statistics', {});
  await submitter.POST('/api/v1/certificates/{fingerprint}/revoke', { params: { path: { fingerprint } }, body: { reason: 'keyCompromise' } });
  await submitter.POST('/api/v1/users/{userId}/revoke-certificates', { params: { path: { userId: 'user-1' } }, body: { reason: 'superseded' } });
  await submitter.POST('/api/v1/crl/next-number', { body: { issuer: 'Contract Root' } });
  await reader.GET('/api/v1/crl/current-number/{issuer}', { params: { path: { issuer: 'Contract Root' } } });
}
