import { Injectable } from '@nestjs/common';
import { Clock, SqlUnit, Store, TenantDatabase, type TenantScope } from '@lib/persistence';
import { createLogger, type ProblemException } from '@lib/platform';
import type { AuditEvent, AuditInput } from './audit-event';
import { appendAuditEvent } from './audit-trail';

/** One tenant unit of work of the portal: its SQL, its clock reading and the audit events it appends. */
export class PortalTx extends SqlUnit {
  readonly events: AuditEvent[] = [];

  async audit(input: AuditInput): Promise<AuditEvent> {
    const event = await appendAuditEvent(this, input);
    this.events.push(event);
    return event;
  }
}

/**
 * A refusal the audit trail records (denials and failures that change nothing): the
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
export class PortalDb extends TenantDatabase<PortalTx> {
  private readonly auditLog = createLogger('audit');

  constructor(store: Store, clock: Clock) {
    super(store, clock);
  }

  protected open(scope: TenantScope, now: Date): PortalTx {
    return new PortalTx(scope, now);
  }

  /**
   * Runs `work` in one tenant transaction (retried whole on transient faults, audit included);
   * committed audit events are copied to the `audit` log.
   */
  override async unit<T>(work: (tx: PortalTx) => Promise<T>): Promise<T> {
    let tx: PortalTx | undefined;
    try {
      const result = await super.unit((unit) => {
        tx = unit;
        return work(unit);
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
