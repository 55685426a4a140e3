import { redactText } from '@lib/persistence';
import { SECRET_NAME } from '../common/audit-entry';
import type { SecurityEventBody } from './event.dto';

/** One stored rule match: the variable split into collection and key, its data masked where it is a secret. */
export interface MatchRecord {
  readonly ruleId: number;
  readonly message: string;
  readonly collection: string | null;
  readonly key: string | null;
  readonly data: string;
  readonly severity: number | null;
  readonly tags: string[];
}

/** A shipped event as the panel stores it: path and query apart, secrets masked, blocked or only detected. */
export interface EventRecord {
  readonly transactionId: string;
  readonly occurredAt: string;
  readonly host: string;
  readonly clientIp: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly action: 'blocked' | 'detected';
  readonly engine: string;
  readonly headers: Record<string, string>;
  readonly matches: MatchRecord[];
}

export const MASK = '***';
/** Every cookie is a credential until proven otherwise; so are these headers. */
const CREDENTIAL_HEADER = /^(cookie|set-cookie|proxy-authorization|x-csrf-token|x-xsrf-token)$/i;
const COOKIE_COLLECTIONS = /^REQUEST_COOKIES$/;

const isSecretHeader = (name: string) => CREDENTIAL_HEADER.test(name) || SECRET_NAME.test(name);

/** `a=1; b=2` → `a=***; b=***`: the names stay (they are what an exclusion targets), the values go. */
const maskCookies = (value: string) =>
  value
    .split(';')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? pair : `${pair.slice(0, at)}=${MASK}`;
    })
    .join(';');

function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, /^cookie$/i.test(name) ? maskCookies(value) : isSecretHeader(name) ? MASK : value]),
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The query with the values of secret-named arguments masked, everything else as received. */
function maskQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at >= 0 && SECRET_NAME.test(safeDecode(pair.slice(0, at))) ? `${pair.slice(0, at + 1)}${MASK}` : pair;
    })
    .join('&');
}

/** `ARGS:comment` → ARGS and comment; `REQUEST_FILENAME` → no key. */
export function splitVariable(variable: string | null): { collection: string | null; key: string | null } {
  if (variable === null) return { collection: null, key: null };
  const at = variable.indexOf(':');
  return at < 0 ? { collection: variable, key: null } : { collection: variable.slice(0, at), key: variable.slice(at + 1) };
}

/** A match's data is masked whole when its variable holds a secret (its value would be in the data). */
function maskData(data: string, collection: string | null, key: string | null): string {
  if (collection !== null && COOKIE_COLLECTIONS.test(collection)) return data === '' ? data : MASK;
  if (key !== null && (SECRET_NAME.test(key) || (collection === 'REQUEST_HEADERS' && isSecretHeader(key)))) return data === '' ? data : MASK;
  return redactText(data);
}

export function eventRecord(body: SecurityEventBody): EventRecord {
  const at = body.uri.indexOf('?');
  return {
    transactionId: body.transactionId,
    occurredAt: new Date(body.occurredAt).toISOString(),
    host: body.host.toLowerCase().replace(/:\d+$/, ''),
    clientIp: body.clientIp,
    method: body.method,
    path: at < 0 ? body.uri : body.uri.slice(0, at),
    query: at < 0 ? '' : maskQuery(body.uri.slice(at + 1)),
    status: body.status,
    // The engine enforced, and the client got an error: the engine (or the backend) refused it.
    action: body.engine === 'Enabled' && body.status >= 400 ? 'blocked' : 'detected',
    engine: body.producer,
    headers: maskHeaders(body.headers),
    matches: body.matches.map((match) => {
      const { collection, key } = splitVariable(match.variable);
      return {
        ruleId: match.ruleId,
        message: match.message,
        collection,
        key,
        data: maskData(match.data, collection, key),
        severity: match.severity,
        tags: match.tags,
      };
    }),
  };
}
