import { createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { malformed, notFound } from '../common/ct-error';
import { LogRegistry } from '../logs/log-registry';
import type { LogRuntime } from '../sequencer/log-runtime';
import { CtDb, type CtTx } from '../store/ct-db';

/**
 * Public paths name a log: it is found through the directory, and the request's transaction then
 * runs as that log's tenant, so every other table is still read under RLS.
 */
@Injectable()
export class LogAccess {
  constructor(
    readonly registry: LogRegistry,
    readonly db: CtDb,
  ) {}

  async runtime(name: string, options: { evenIfCorrupt?: boolean } = {}): Promise<LogRuntime> {
    const runtime = await this.registry.find(name);
    if (!runtime) throw notFound(`no log named "${name}"`);
    if (!options.evenIfCorrupt || runtime.state !== 'corrupt') this.registry.requireServing(runtime);
    return runtime;
  }

  /** Runs `work` as the log's tenant with the right edge of the cached head loaded. */
  async read<T>(name: string, work: (runtime: LogRuntime, tx: CtTx) => Promise<T>, options: { edge?: boolean } = {}): Promise<T> {
    const runtime = await this.runtime(name);
    return this.db.forLog(runtime.tenantId, async (tx) => {
      if (options.edge) await this.registry.ensureEdge(tx, runtime);
      return work(runtime, tx);
    });
  }
}

/** Integer parameters are `^[0-9]{1,15}$`; missing, repeated or non-matching ones are malformed. */
export function intParam(query: Record<string, unknown>, name: string, fallback?: number): number {
  const value = query[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !/^[0-9]{1,15}$/.test(value)) throw malformed(`parameter "${name}" must be one non-negative integer`);
  return Number(value);
}

/** The query string exactly as parsed (no pipe conversion): parameters are judged on the raw text. */
export const RawQuery = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>().query as Record<string, unknown>,
);
