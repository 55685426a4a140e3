import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { requestContext, type RequestContext } from '@lib/platform';
import { WafDb } from '../common/waf-db';

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const OUTCOMES: Readonly<Record<number, 'denied' | 'precondition_failed'>> = { 403: 'denied', 412: 'precondition_failed', 428: 'precondition_failed' };
const ENTITY_TYPES: Readonly<Record<string, string>> = {
  vhosts: 'vhost',
  policies: 'policy',
  overrides: 'override',
  exclusions: 'exclusion',
  'custom-rules': 'custom_rule',
  deployments: 'deployment',
};
const VERBS: Readonly<Record<string, string>> = { POST: 'create', PATCH: 'update', PUT: 'update', DELETE: 'delete' };

/** The action and entity a refused write was aimed at, read from its URL. */
export function refusedTarget(method: string, path: string) {
  const segments = path
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean);
  const [collection, id, child, childId] = segments;
  if (collection === 'policies' && id === 'import') return { action: 'policy.import', entity: { type: 'policy', id: null }, parent: null };
  if (child === 'rollback') return { action: 'policy.rollback', entity: { type: 'policy', id }, parent: null };
  if (child && ENTITY_TYPES[child]) {
    const type = ENTITY_TYPES[child];
    return { action: `${type}.${VERBS[method]}`, entity: { type, id: childId ?? null }, parent: { type: 'policy', id } };
  }
  const type = ENTITY_TYPES[collection] ?? collection;
  return { action: `${type}.${VERBS[method]}`, entity: { type, id: id ?? null }, parent: null };
}

/**
 * Denied (403) and precondition-failed (412, 428) writes are audited in their own transaction
 * after the answer is decided, whichever layer refused them (the role guard or a service).
 */
export function auditRefusedWrites(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const contexts = new WeakMap<object, RequestContext>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const context = requestContext.current();
    if (context) contexts.set(request, context);
    done();
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    const outcome = OUTCOMES[reply.statusCode];
    const context = contexts.get(request);
    if (!outcome || !WRITES.has(request.method) || !context?.principal || !request.url.startsWith('/api/v1/')) return payload;
    const target = refusedTarget(request.method, context.httpPath ?? request.url);
    const db = app.get(WafDb);
    await requestContext.run(context, () => db.auditRefusal({ ...target, outcome, before: null, after: null, detail: `refused with ${reply.statusCode}` }));
    return payload;
  });
}
