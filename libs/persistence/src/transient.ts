import { StoreError } from './errors';

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

// Only faults that fail fast: a timeout has spent its budget, and retrying would multiply it.
const TRANSIENT_MESSAGES = [/Connection terminated unexpectedly/i, /Client has encountered a connection error and is not queryable/i];

/** pg-pool's error when no pooled connection became free within `connectionTimeoutMillis`. */
const POOL_TIMEOUT_MESSAGE = /timeout exceeded when trying to connect/i;
/** pg's error when a new connection was not established within `connectionTimeoutMillis`. */
const CONNECT_TIMEOUT_MESSAGE = /Connection terminated due to connection timeout/i;

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
    // Already classified (an in-doubt commit, a spent timeout): its verdict stands.
    if (link instanceof StoreError) return false;
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

/**
 * Whether the link to the server failed (refused, reset, terminated, server shutting down), as
 * opposed to the server answering with an error: then nothing is known about in-flight work.
 */
export function isConnectionFault(error: unknown): boolean {
  const state = sqlState(error);
  if (state) return state.startsWith('08') || state.startsWith('57P') || state === '53300';
  return errorChain(error).some((link) => {
    const code = typeof link.code === 'string' ? link.code : '';
    const message = typeof link.message === 'string' ? link.message : '';
    return TRANSIENT_NETWORK_CODES.has(code) || TRANSIENT_MESSAGES.some((pattern) => pattern.test(message)) || CONNECT_TIMEOUT_MESSAGE.test(message);
  });
}

/** Whether the pool gave up waiting for a free connection. */
export function isPoolTimeout(error: unknown): boolean {
  return errorChain(error).some((link) => POOL_TIMEOUT_MESSAGE.test(String(link.message ?? '')));
}
