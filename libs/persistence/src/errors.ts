import { redactText } from './redact';

/**
 * The typed errors of the persistence layer. Each carries the HTTP status and the RFC 9457
 * problem type it maps to, so one exception filter can render every one of them.
 * Messages are always redacted: they may reach logs and response bodies.
 */
export abstract class StoreError extends Error {
  abstract readonly status: number;
  abstract readonly problemType: string;
  abstract readonly title: string;
  /** Whether the message is safe and useful to show an API client. */
  readonly exposeDetail: boolean = true;
  /** Seconds a client should wait before trying again (`Retry-After`), for faults that pass. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, options?: { cause?: unknown }) {
    super(redactText(message), options);
    this.name = new.target.name;
  }
}

/** Configuration that cannot work; raised at boot so the service refuses to start with this message. */
export class ConfigurationError extends StoreError {
  readonly status = 500;
  readonly problemType = 'configuration-error';
  readonly title = 'Service misconfigured';
  override readonly exposeDetail = false;
}

export class UnsupportedDatabaseUrlError extends ConfigurationError {
  constructor(
    readonly redactedUrl: string,
    readonly scheme: string | undefined,
    readonly reason?: string,
    variable = 'DATABASE_URL',
  ) {
    super(
      `${variable} "${redactedUrl}" is not supported: ${reason ?? `scheme "${scheme ?? ''}" is not accepted`}. ` +
        'Accepted: sqlite:<path> (file or directory), sqlite::memory:, postgres://... or postgresql://...; ' +
        'unset means SQLite under ./data.',
    );
  }
}

export class StoreConnectionError extends StoreError {
  readonly status = 503;
  readonly problemType = 'store-unavailable';
  readonly title = 'Database unavailable';
  override readonly exposeDetail = false;
  override readonly retryAfterSeconds = 2;
}

/** A transient fault (serialization failure, deadlock, busy database) that outlived its retries. */
export class StoreTransientError extends StoreError {
  readonly status = 503;
  readonly problemType = 'store-busy';
  readonly title = 'Database busy, retry later';
  override readonly exposeDetail = false;
  override readonly retryAfterSeconds = 1;
}

/**
 * The database did not answer within a configured bound: no pooled connection became free in
 * time, or a statement ran past the statement timeout. Never retried: the time budget is spent.
 */
export class StoreTimeoutError extends StoreError {
  readonly status = 503;
  readonly problemType = 'store-timeout';
  readonly title = 'Database did not answer in time';
  override readonly retryAfterSeconds = 1;
}

/** The store was closed (the service is stopping): the unit never started, so nothing was written. */
export class StoreClosedError extends StoreError {
  readonly status = 503;
  readonly problemType = 'store-closed';
  readonly title = 'Service stopping';
  override readonly retryAfterSeconds = 1;
}

/**
 * The connection failed while COMMIT was in flight: the change may or may not be saved. Never
 * retried (running the unit again could apply it twice); the client reads before it repeats.
 */
export class StoreCommitOutcomeUnknownError extends StoreError {
  readonly status = 503;
  readonly problemType = 'store-commit-outcome-unknown';
  readonly title = 'Outcome unknown';
}

export class StoreConflictError extends StoreError {
  readonly status = 409;
  readonly problemType = 'conflict';
  readonly title = 'Conflict';

  constructor(
    message: string,
    readonly constraint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class StoreNotFoundError extends StoreError {
  readonly status = 404;
  readonly problemType = 'not-found';
  readonly title = 'Not found';
}

/** A tenant-scoped operation was called outside a tenant context: a programming error. */
export class TenantContextMissingError extends StoreError {
  readonly status = 500;
  readonly problemType = 'tenant-context-missing';
  readonly title = 'Internal error';
  override readonly exposeDetail = false;

  constructor(operation = 'a tenant-scoped operation') {
    super(`${operation} ran without a tenant in context; run it inside a tenant unit of work`);
  }
}
