import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { createLogger } from '@lib/platform';
import { SEARCH_OPERATOR_FUNCTIONS } from '../../../../migrations/ctlog/006_leakproof_search_operators';
import { CtDb } from '../store/ct-db';

/** Warns at boot when substring and SAN filters cannot use their indexes (migration 006 needed a superuser). */
@Injectable()
export class SearchOperatorCheck implements OnApplicationBootstrap {
  private readonly log = createLogger('ct-audit');

  constructor(private readonly db: CtDb) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.db.pg) return;
    const rows = await this.db.store.rows<{ fn: string }>(
      `SELECT p.oid::regprocedure::text AS fn FROM pg_proc p WHERE p.oid = ANY($1::regprocedure[]) AND NOT p.proleakproof`,
      [SEARCH_OPERATOR_FUNCTIONS],
    );
    if (rows.length === 0) return;
    this.log.warn(
      { functions: rows.map((row) => row.fn), fix: SEARCH_OPERATOR_FUNCTIONS.map((fn) => `ALTER FUNCTION ${fn} LEAKPROOF;`).join(' ') },
      'audit substring and SAN filters will read every row of the tenant: a superuser must mark these functions LEAKPROOF (docs/ct-log.md)',
    );
  }
}
