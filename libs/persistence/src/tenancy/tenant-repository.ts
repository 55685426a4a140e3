import type {
  DeepPartial,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOneOptions,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { TenantIsolationViolationError } from './tenant-isolation-error';

/** An entity with a `tenantId` property mapped to the `tenant_id` column. */
export interface TenantOwned extends ObjectLiteral {
  tenantId: string;
}

type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

/**
 * A repository confined to one tenant. Every read, update and delete carries the tenant
 * predicate (on SQLite it is the only guard; on PostgreSQL it doubles RLS and lets the planner
 * use the `(tenant_id, …)` indexes); every insert is stamped with the tenant.
 * It exists only inside a tenant unit of work: there is no way to build one on the global manager.
 */
export class TenantRepository<T extends TenantOwned> {
  private readonly repository: Repository<T>;

  constructor(
    manager: EntityManager,
    target: EntityTarget<T>,
    readonly tenantId: string,
  ) {
    this.repository = manager.getRepository(target);
  }

  find(options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.repository.find({ ...options, where: this.scope(options.where as Where<T> | undefined) });
  }

  findAndCount(options: FindManyOptions<T> = {}): Promise<[T[], number]> {
    return this.repository.findAndCount({ ...options, where: this.scope(options.where as Where<T> | undefined) });
  }

  findOne(options: FindOneOptions<T>): Promise<T | null> {
    return this.repository.findOne({ ...options, where: this.scope(options.where as Where<T> | undefined) });
  }

  findBy(where: Where<T> = {}): Promise<T[]> {
    return this.repository.findBy(this.scope(where));
  }

  findOneBy(where: Where<T>): Promise<T | null> {
    return this.repository.findOneBy(this.scope(where));
  }

  countBy(where: Where<T> = {}): Promise<number> {
    return this.repository.countBy(this.scope(where));
  }

  async insert(values: DeepPartial<T> | DeepPartial<T>[]): Promise<void> {
    const rows = (Array.isArray(values) ? values : [values]).map((row) => this.stamp(row));
    await this.repository.insert(rows as Parameters<Repository<T>['insert']>[0]);
  }

  /** Updates matching rows of this tenant; returns how many. The tenant itself cannot change. */
  async update(where: Where<T>, changes: DeepPartial<T>): Promise<number> {
    if ('tenantId' in changes && changes.tenantId !== this.tenantId) throw this.violation('update');
    const result = await this.repository.update(this.scope(where) as FindOptionsWhere<T>, changes as Parameters<Repository<T>['update']>[1]);
    return result.affected ?? 0;
  }

  async delete(where: Where<T>): Promise<number> {
    const result = await this.repository.delete(this.scope(where) as FindOptionsWhere<T>);
    return result.affected ?? 0;
  }

  /** A query builder already restricted to this tenant: add conditions with `andWhere`. */
  createQueryBuilder(alias: string): SelectQueryBuilder<T> {
    return this.repository.createQueryBuilder(alias).where(`${alias}.tenantId = :tenantScope`, { tenantScope: this.tenantId });
  }

  private scope(where: Where<T> | undefined): FindOptionsWhere<T> | FindOptionsWhere<T>[] {
    const tenant = { tenantId: this.tenantId } as FindOptionsWhere<T>;
    if (where === undefined) return tenant;
    if (Array.isArray(where)) return where.map((clause) => this.confine(clause));
    return this.confine(where);
  }

  private confine(clause: FindOptionsWhere<T>): FindOptionsWhere<T> {
    const requested = (clause as { tenantId?: unknown }).tenantId;
    if (requested !== undefined && requested !== this.tenantId) throw this.violation('read');
    return { ...clause, tenantId: this.tenantId } as FindOptionsWhere<T>;
  }

  private stamp(row: DeepPartial<T>): DeepPartial<T> {
    const requested = (row as { tenantId?: unknown }).tenantId;
    if (requested !== undefined && requested !== this.tenantId) throw this.violation('insert');
    return { ...row, tenantId: this.tenantId };
  }

  private violation(operation: string): TenantIsolationViolationError {
    return new TenantIsolationViolationError(`refused to ${operation} a row of another tenant than the one in context`);
  }
}
