import type { AuditAction, AuditOutcome } from './audit-actions';

export interface AuditActor {
  sub: string;
  oid: string | null;
  tid: string;
  roles: string[];
  domain: string | null;
  /** The identity string. */
  email: string | null;
}

export interface AuditResource {
  type: string;
  id: string;
  domain: string | null;
  classification?: string;
  product_id?: string;
}

/** What feature code records; the trail adds who, when, where from and the chain. */
export interface AuditInput {
  action: AuditAction;
  resource: AuditResource;
  outcome?: AuditOutcome;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  /** Jobs name themselves; requests take the caller. */
  actor?: AuditActor;
}

/** The wire form, equal to the stored form. */
export interface AuditEvent {
  seq: number;
  event_id: string;
  timestamp: string;
  tenant_id: string;
  actor: AuditActor;
  action: AuditAction;
  resource: AuditResource;
  outcome: AuditOutcome;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  correlation_id: string | null;
  source_ip: string | null;
  user_agent: string | null;
  reason: string | null;
  prev_hash: string;
  chain_hash: string;
}
