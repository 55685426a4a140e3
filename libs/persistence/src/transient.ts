/**
 * Which failures are worth retrying. Only faults where running the whole unit of work again
 * can succeed: never constraint, data or syntax errors.
 */

const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);

const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

const TRANSIENT_SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

const TRANSIENT_MESSAGES = [/Connection terminated unexpectedly/i, /Connection terminated due to connection timeout/i, /timeout exceeded when trying to connect/i];

/** Walks `driverError` and `cause` links, so TypeORM's wrappers and our own are seen through. */
export function errorChain(error: unknown): Array<Record<string, unknown>> {
  const chain: Array<Record<string, unknown>> = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 8 && !chain.includes(current as Record<string, unknown>)) {
    const record = current as Record<string, unknown>;
    chain.push(record);
    current = record.driverError ?? record.cause;
  }
  return chain;
}

/** SQLSTATE of a PostgreSQL error anywhere in the chain. */
export function sqlState(error: unknown): string | undefined {
  for (const link of errorChain(error)) {
    const code = link.code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export function isTransientError(error: unknown): boolean {
  for (const link of errorChain(error)) {
    const code = typeof link.code === 'string' ? link.code : undefined;
    if (code) {
      if (TRANSIENT_SQLSTATES.has(code) || code.startsWith('08')) return true;
      if (TRANSIENT_NETWORK_CODES.has(code)) return true;
      if (TRANSIENT_SQLITE_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code)) return false; // any other SQLSTATE is a real answer
    }
    const message = typeof link.message === 'string' ? link.message : '';
    if (TRANSIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}
