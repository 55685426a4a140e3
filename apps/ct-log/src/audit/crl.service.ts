import { Injectable } from '@nestjs/common';
import { sql } from '@lib/persistence';
import { Checker, ValidationProblemException } from '@lib/platform';
import { notFound } from '../common/ct-error';
import { CtDb } from '../store/ct-db';
import { CrlIssuerBody, MAX_ISSUER } from './certificate.dto';

/** CRL numbers per (tenant, issuer), allocated without gaps or reuse. */
@Injectable()
export class CrlService {
  constructor(private readonly db: CtDb) {}

  /** One upsert: concurrent callers queue on the row and each gets the next number. */
  async next(body: unknown): Promise<{ issuer: string; crl_number: number }> {
    const check = new Checker();
    const issuer = check.fields(CrlIssuerBody, body)?.issuer;
    check.done();
    const row = await this.db.unit(async (tx) => {
      const upsert = sql`INSERT INTO ctlog.crl_counters AS k (tenant_id, issuer, crl_number, updated_at)
        VALUES (${tx.tenantId}, ${issuer}, 1, ${tx.now.toISOString()})
        ON CONFLICT (tenant_id, issuer) DO UPDATE SET crl_number = k.crl_number + 1, updated_at = excluded.updated_at`;
      if (tx.pg) return tx.one<{ crl_number: unknown }>(sql`${upsert} RETURNING crl_number`);
      // The SQLite driver returns no rows from an INSERT; its unit holds the only write lock, so the read-back is the number just taken.
      await tx.run(upsert);
      return tx.one<{ crl_number: unknown }>(sql`SELECT crl_number FROM ctlog.crl_counters WHERE ${tx.tenant()} AND issuer = ${issuer}`);
    });
    return { issuer: issuer!, crl_number: Number(row!.crl_number) };
  }

  async current(issuer: string): Promise<{ issuer: string; crl_number: number }> {
    if (issuer.length < 1 || issuer.length > MAX_ISSUER)
      throw new ValidationProblemException([{ in: 'path', path: 'issuer', message: `must be 1–${MAX_ISSUER} characters` }]);
    const row = await this.db.read((tx) =>
      tx.one<{ crl_number: unknown }>(sql`SELECT crl_number FROM ctlog.crl_counters WHERE ${tx.tenant()} AND issuer = ${issuer}`),
    );
    if (!row) throw notFound('no CRL number was allocated for this issuer');
    return { issuer, crl_number: Number(row.crl_number) };
  }
}
