/**
 * One line of the engine's JSON audit log (libmodsecurity 3, `SecAuditLogFormat JSON`, serial),
 * turned into the security event the panel's node API takes. Only what the panel needs is kept,
 * cut to the panel's limits so a long header never costs the whole event.
 */

export interface SecurityEvent {
  readonly transactionId: string;
  readonly occurredAt: string;
  readonly host: string;
  readonly clientIp: string;
  readonly method: string;
  readonly uri: string;
  readonly status: number;
  readonly engine: 'Enabled' | 'DetectionOnly';
  readonly producer: string;
  readonly headers: Record<string, string>;
  readonly matches: ReadonlyArray<{
    readonly ruleId: number;
    readonly message: string;
    readonly variable: string | null;
    readonly data: string;
    readonly severity: number | null;
    readonly tags: string[];
  }>;
}

interface AuditMessage {
  readonly message?: string;
  readonly details?: { ruleId?: string; match?: string; data?: string; severity?: string; tags?: unknown[] };
}

interface AuditTransaction {
  readonly client_ip?: string;
  readonly time_stamp?: string;
  readonly unique_id?: string;
  readonly request?: { method?: string; uri?: string; headers?: Record<string, unknown> };
  readonly response?: { http_code?: number };
  readonly producer?: { modsecurity?: string; secrules_engine?: string; components?: unknown[] };
  readonly messages?: AuditMessage[];
}

const MAX_HEADERS = 100;
const cut = (text: unknown, max: number) => String(text ?? '').slice(0, max);

/**
 * The variable a rule matched, as the engine names it: `against variable \`ARGS:comment'` in
 * an operator's match text, or `found within ARGS:comment:` in the CRS's logdata.
 */
export function matchedVariable(match: string, data: string): string | null {
  const against = /against variable `([^']+)'/.exec(match);
  if (against) return against[1];
  const within = /found within ([A-Z_]+)(?::(\S.*?))?(?:: |$)/.exec(data);
  if (!within) return null;
  return within[2] === undefined ? within[1] : `${within[1]}:${within[2]}`;
}

/**
 * The event of one audit-log line; null for a transaction the engine logged without matching a
 * rule (a server error), or an engine that was off. A line that is not an audit record throws.
 */
export function securityEventOf(line: string): SecurityEvent | null {
  const transaction = (JSON.parse(line) as { transaction?: AuditTransaction }).transaction;
  if (!transaction || typeof transaction !== 'object') throw new Error('not a ModSecurity JSON audit record (no "transaction")');
  const engine = transaction.producer?.secrules_engine;
  const messages = (transaction.messages ?? []).filter((message) => /^\d{1,8}$/.test(String(message.details?.ruleId ?? '')));
  if (messages.length === 0 || (engine !== 'Enabled' && engine !== 'DetectionOnly')) return null;
  const headers = Object.entries(transaction.request?.headers ?? {}).slice(0, MAX_HEADERS);
  const host = headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
  // The engine writes its local time without a zone; the agent runs beside it, in the same zone.
  const occurred = new Date(String(transaction.time_stamp ?? ''));
  return {
    transactionId: cut(transaction.unique_id, 64),
    occurredAt: (Number.isNaN(occurred.getTime()) ? new Date() : occurred).toISOString(),
    host: cut(host ?? '', 260),
    clientIp: String(transaction.client_ip ?? ''),
    method: cut(transaction.request?.method, 16),
    uri: cut(transaction.request?.uri, 8192),
    status: Number(transaction.response?.http_code ?? 0),
    engine,
    producer: cut([transaction.producer?.modsecurity, ...(transaction.producer?.components ?? [])].filter(Boolean).join('; ').replace(/"/g, ''), 200),
    headers: Object.fromEntries(headers.map(([name, value]) => [cut(name, 200), cut(value, 8192)])),
    matches: messages.slice(0, 200).map((message) => {
      const details = message.details!;
      const data = cut(details.data, 4096);
      const severity = Number(details.severity);
      return {
        ruleId: Number(details.ruleId),
        message: cut(message.message, 1000),
        variable: matchedVariable(String(details.match ?? ''), data)?.slice(0, 300) ?? null,
        data,
        severity: Number.isInteger(severity) && severity >= 0 && severity <= 7 ? severity : null,
        tags: (details.tags ?? []).slice(0, 50).map((tag) => cut(tag, 200)),
      };
    }),
  };
}
