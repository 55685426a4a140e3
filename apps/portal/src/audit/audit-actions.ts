/** The closed set of audited actions; a CHECK constraint holds the table to it. */
export const AUDIT_ACTIONS = [
  'source.register',
  'source.provision',
  'source.scan',
  'source.decommission',
  'source.update',
  'pipeline.trigger',
  'access_request.create',
  'access_request.approve',
  'access_request.deny',
  'access_request.revoke',
  'access_request.expire',
  'product.publish',
  'product.update',
  'product.delete',
  'product.quality_assess',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = 'success' | 'denied' | 'error';
