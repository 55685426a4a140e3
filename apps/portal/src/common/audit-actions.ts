import { AUDIT_ACTIONS } from '../../../../migrations/portal/001_create_portal_tables';

/** The closed set of audited actions: what the database's CHECK constraint accepts. */
export { AUDIT_ACTIONS };

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = 'success' | 'denied' | 'error';
