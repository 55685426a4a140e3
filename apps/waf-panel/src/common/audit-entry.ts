/** One audit entry as feature code records it; actor and request come from the context. */
export interface AuditInput {
  readonly action: string;
  readonly outcome?: 'success' | 'denied' | 'precondition_failed' | 'failed';
  readonly entity: { readonly type: string; readonly id: string | null; readonly label?: string | null };
  readonly parent?: { readonly type: string; readonly id: string } | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly forced?: boolean;
  readonly detail?: string | null;
}

export interface AuditChange {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** Names whose values are never stored: audit entries and security events alike. */
export const SECRET_NAME = /(password|passwd|secret|token|private_?key|credential|authorization|api[-_]?key)/i;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** Defence in depth before anything is stored: secret-named properties and PEM private keys become `***`. */
export function mask(value: unknown): unknown {
  if (typeof value === 'string') return PEM_PRIVATE_KEY.test(value) ? '***' : value;
  if (Array.isArray(value)) return value.map(mask);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, SECRET_NAME.test(key) ? '***' : mask(item)]));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Field-level changes between two representations: objects by key, scalars and arrays whole. */
export function changesBetween(before: unknown, after: unknown, path = ''): AuditChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changesBetween(before[key], after[key], `${path}/${key}`));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || '/', from: before ?? null, to: after ?? null }];
}

const SEARCH_TEXT_LIMIT = 64 * 1024;

function leaves(value: unknown, into: string[]): void {
  if (typeof value === 'string' || typeof value === 'number') into.push(String(value));
  else if (Array.isArray(value)) value.forEach((item) => leaves(item, into));
  else if (isPlainObject(value)) Object.values(value).forEach((item) => leaves(item, into));
}

/** What `q` searches: the entry's names and every string or number leaf of before/after, up to 64 KiB. */
export function searchTextOf(parts: {
  action: string;
  entityType: string;
  entityId: string | null;
  label: string | null;
  email: string | null;
  sub: string;
  detail: string | null;
  before: unknown;
  after: unknown;
}): string {
  const words = [parts.action, parts.entityType, parts.entityId, parts.label, parts.email, parts.sub, parts.detail].filter((word): word is string => !!word);
  leaves(parts.before, words);
  leaves(parts.after, words);
  const text = words.join(' ');
  return text.length > SEARCH_TEXT_LIMIT ? text.slice(0, SEARCH_TEXT_LIMIT) : text;
}
