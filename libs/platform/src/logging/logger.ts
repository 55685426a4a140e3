import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { redactText } from '@lib/persistence';
import { requestContext } from '../context/request-context';
import { activeTraceId } from '../tracing/tracing';

/**
 * One JSON logger per process. Every line carries the correlation id of the request it was
 * written for, and nothing that looks like a credential survives into it.
 */
/** The levels LOG_LEVEL takes: pino's, and `silent`. */
export const LOG_LEVELS = [...Object.keys(pino.levels.values), 'silent'];

/**
 * A bad LOG_LEVEL is a configuration error the service reports at boot (exit 78, naming it);
 * loggers made before that, at import time, write at `info` rather than throw.
 */
const configuredLevel = () => (LOG_LEVELS.includes(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL! : 'info');

export function createLogger(service: string, level = configuredLevel(), destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line carries the request's correlation id and, when a span is active, its trace id.
      mixin: () => {
        const correlationId = requestContext.correlationId();
        const traceId = activeTraceId();
        return { ...(correlationId ? { correlationId } : {}), ...(traceId ? { traceId } : {}) };
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'headers.cookie',
          '*.password',
          '*.token',
          '*.secret',
          '*.accessToken',
        ],
        censor: '***',
      },
      serializers: { err: serializeError },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ sync: false }),
  );
}

export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactText(String(error)) };
  const cause = (error as { cause?: unknown }).cause;
  return {
    type: error.name,
    message: redactText(error.message),
    stack: error.stack ? redactText(error.stack) : undefined,
    code: (error as { code?: unknown }).code,
    cause: cause instanceof Error && cause !== error ? serializeError(cause) : undefined,
  };
}

const NEST_TO_PINO: Record<LogLevel, pino.Level> = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' };

/** Lets Nest's own Logger write through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]) {
    // Nest passes the context (class name) last, and a stack before it for errors.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    if (typeof rest[0] === 'string' && level === 'error') fields.stack = redactText(rest[0]);
    this.logger[NEST_TO_PINO[level]](fields, message instanceof Error ? message.message : typeof message === 'string' ? message : '');
  }
}
