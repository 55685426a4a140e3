import { Injectable } from '@nestjs/common';
import { runTenantUnit, type Sql, Store, sql, type TenantScope } from '@lib/persistence';
import { createLogger, type ProblemException } from '@lib/platform';
import type { AuditEvent, AuditInput } from '../audit/audit-event';
import { appendAuditEvent } from '../audit/audit-trail';
import { Clock } from './clock';

/** One tenant unit of work of the portal: its SQL, its clock reading and the audit events it appends. */
export class PortalTx {
  readonly events: AuditEvent[] = [];

  constructor(
    private readonly scope: TenantScope,
    /** The unit's "now", read once so every row it writes agrees. */
    readonly now: Date,
  ) {}

  get tenantId(): string {
    return this.scope.tenantId;
  }

  get pg(): boolean {
    return this.scope.dialect === 'postgres';
  }

  /** `FOR UPDATE` on PostgreSQL; SQLite's single writer already serialises the unit. */
  get forUpdate(): Sql {
    return this.pg ? sql` FOR UPDATE` : sql``;
  }

  rows<R>(statement: Sql): Promise<R[]> {
    return this.scope.rows<R>(statement);
  }

  async one<R>(statement: Sql): Promise<R | undefined> {
    return (await this.scope.rows<R>(statement))[0];
  }

  /** Rows changed by an INSERT, UPDATE or DELETE. */
  async run(statement: Sql): Promise<number> {
    return (await this.scope.execute(statement)).affected;
  }

  async audit(input: AuditInput): Promise<AuditEvent> {
    const event = await appendAuditEvent(this, input);
    this.events.push(event);
    return event;
  }
}

/**
 * A refusal the audit trail records (spec §7: denials and failures that change nothing): the
 * unit that found it rolls back, the event is appended in a unit of its own, then the problem
 * is answered.
 */
export class AuditedRefusal extends Error {
  constructor(
    readonly problem: ProblemException,
    readonly event: AuditInput,
  ) {
    super(problem.message);
  }
}

@Injectable()
export class PortalDb {
  private readonly auditLog = createLogger('audit');

  constructor(
    readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` in one tenant transaction (retried whole on transient faults, audit included);
   * committed audit events are copied to the `audit` log.
   */
  async unit<T>(work: (tx: PortalTx) => Promise<T>): Promise<T> {
    let tx: PortalTx | undefined;
    try {
      const result = await runTenantUnit(this.store, (scope) => {
        tx = new PortalTx(scope, this.clock.now());
        return work(tx);
      });
      for (const event of tx!.events) this.auditLog.info({ audit: event }, event.action);
      return result;
    } catch (error) {
      if (!(error instanceof AuditedRefusal)) throw error;
      await this.unit((refusal) => refusal.audit(error.event));
      throw error.problem;
    }
  }
}
