import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Echoes a caller's `x-correlation-id` (or `x-request-id`) when it is a plausible id, so a
 * chain of services shares one id; anything else (log injection, huge values) gets a new one.
 */
export function correlationIdFrom(headers: IncomingHttpHeaders): string {
  for (const name of [CORRELATION_HEADER, 'x-request-id']) {
    const value = headers[name];
    const candidate = Array.isArray(value) ? value[0] : value;
    if (candidate && SAFE_ID.test(candidate)) return candidate;
  }
  return randomUUID();
}
