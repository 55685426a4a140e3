import { iso, isoOrNull, json } from '@lib/persistence';

export type LogKind = 'rfc6962' | 'events';

/** Per-log tuning; defaults from Tessera and Sunlight. */
export interface LogConfig {
  pool_size: number;
  batch_max_size: number;
  batch_max_age_ms: number;
  idle_resign_ms: number;
  retry_after_s: [number, number];
  max_chain_length: number;
  get_entries_max: number;
  /** `token`: add-chain needs a CtSubmitter token of the log tenant; `open`: anyone, as public CT logs, limited per client address. */
  submission: SubmissionPolicy;
}

export const SUBMISSION_POLICIES = ['token', 'open'] as const;
export type SubmissionPolicy = (typeof SUBMISSION_POLICIES)[number];

export const DEFAULT_LOG_CONFIG: LogConfig = {
  pool_size: 1000,
  batch_max_size: 256,
  batch_max_age_ms: 250,
  idle_resign_ms: 5000,
  retry_after_s: [30, 90],
  max_chain_length: 10,
  get_entries_max: 1000,
  submission: 'token',
};

export const CONFIG_RANGES: Record<Exclude<keyof LogConfig, 'submission'>, [number, number]> = {
  pool_size: [1, 100_000],
  batch_max_size: [1, 4096],
  batch_max_age_ms: [10, 60_000],
  idle_resign_ms: [1000, 3_600_000],
  retry_after_s: [1, 3600],
  max_chain_length: [2, 20],
  get_entries_max: [1, 1000],
};

/** A `ctlog.logs` row as the service uses it. */
export interface LogRecord {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly kind: LogKind;
  readonly description: string;
  readonly state: 'active' | 'read_only';
  readonly publicKey: Buffer;
  readonly ctLogId: Buffer;
  readonly keyRef: string;
  readonly origin: string;
  readonly notAfterStart: Date | null;
  readonly notAfterLimit: Date | null;
  readonly readOnlyGraceS: number;
  readonly readOnlyAt: string | null;
  readonly config: LogConfig;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const LOG_COLUMNS =
  'tenant_id, id, name, kind, description, state, public_key, ct_log_id, key_ref, origin, not_after_start, not_after_limit, read_only_grace_s, read_only_at, config, version, created_at, updated_at';

export function readLogRow(row: Record<string, unknown>): LogRecord {
  const date = (value: unknown) => (value === null || value === undefined ? null : new Date(iso(value)));
  return {
    tenantId: String(row.tenant_id),
    id: String(row.id),
    name: String(row.name),
    kind: row.kind as LogKind,
    description: String(row.description),
    state: row.state as LogRecord['state'],
    publicKey: row.public_key as Buffer,
    ctLogId: row.ct_log_id as Buffer,
    keyRef: String(row.key_ref),
    origin: String(row.origin),
    notAfterStart: date(row.not_after_start),
    notAfterLimit: date(row.not_after_limit),
    readOnlyGraceS: Number(row.read_only_grace_s),
    readOnlyAt: isoOrNull(row.read_only_at),
    config: { ...DEFAULT_LOG_CONFIG, ...json<Partial<LogConfig>>(row.config) },
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** When writes stop by the calendar: not_after_limit + grace, or null for an unwindowed log. */
export function shutdownAt(log: LogRecord): Date | null {
  return log.notAfterLimit ? new Date(log.notAfterLimit.getTime() + log.readOnlyGraceS * 1000) : null;
}
