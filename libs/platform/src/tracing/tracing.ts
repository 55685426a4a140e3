import { type Context, context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type ReadableSpan,
  type Sampler,
  type Span,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { ConfigurationError, readBoolean, readChoice, requireHttpUrl } from '@lib/persistence';

/**
 * The span processors of the process; exporters join it later (OTLP at boot, a test's in-memory
 * exporter), since the provider is global and made once.
 */
class SpanProcessors implements SpanProcessor {
  readonly members = new Set<SpanProcessor>();
  onStart(span: Span, parent: Context): void {
    for (const member of this.members) member.onStart(span, parent);
  }
  onEnd(span: ReadableSpan): void {
    for (const member of this.members) member.onEnd(span);
  }
  async forceFlush(): Promise<void> {
    await Promise.all([...this.members].map((member) => member.forceFlush()));
  }
  async shutdown(): Promise<void> {
    await Promise.all([...this.members].map((member) => member.shutdown()));
  }
}

const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;

function samplerFrom(env: NodeJS.ProcessEnv): Sampler {
  const name = readChoice(env, 'OTEL_TRACES_SAMPLER', SAMPLERS, 'parentbased_always_on');
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
  if (name.endsWith('traceidratio') && !(ratio >= 0 && ratio <= 1))
    throw new ConfigurationError(`OTEL_TRACES_SAMPLER_ARG="${env.OTEL_TRACES_SAMPLER_ARG}" must be a ratio from 0 to 1.`);
  const root = name.endsWith('always_off')
    ? new AlwaysOffSampler()
    : name.endsWith('traceidratio')
      ? new TraceIdRatioBasedSampler(ratio)
      : new AlwaysOnSampler();
  return name.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

/**
 * The process's processors. OpenTelemetry's registrations are process-wide (on globalThis), so
 * this is too: code loaded twice (Jest's module registries) must find the same instance.
 */
const PROCESSORS = Symbol.for('control-plane-suite.span-processors');
const shared = globalThis as { [PROCESSORS]?: SpanProcessors };

function otlpEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT']) {
    const value = env[name]?.trim();
    if (!value) continue;
    requireHttpUrl(name, value);
    return value;
  }
  return undefined;
}

/**
 * Installs tracing for the process, once: W3C `traceparent` propagation, spans kept in the
 * request's async context, and OTLP export only when the standard variables ask for it
 * (`OTEL_TRACES_EXPORTER=otlp`, or an `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT`); the exporter reads
 * the other `OTEL_EXPORTER_OTLP_*` itself. `OTEL_SDK_DISABLED=true` leaves tracing out entirely.
 */
export function installTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  // Checked on every boot, installed once per process.
  if (readBoolean(env, 'OTEL_SDK_DISABLED')) return;
  const exporter = readChoice(env, 'OTEL_TRACES_EXPORTER', ['otlp', 'none'] as const, otlpEndpoint(env) ? 'otlp' : 'none');
  const sampler = samplerFrom(env);
  if (shared[PROCESSORS]) return;
  const processors = new SpanProcessors();
  shared[PROCESSORS] = processors;
  if (exporter === 'otlp') processors.members.add(new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || serviceName }),
    sampler,
    spanProcessors: [processors],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
}

/** Sends every span that ends from now on to `exporter` as well (tests read spans this way). */
export function exportSpansTo(processor: SpanProcessor): () => void {
  const processors = shared[PROCESSORS];
  if (!processors) throw new Error('tracing is not installed');
  processors.members.add(processor);
  return () => processors.members.delete(processor);
}

/** The trace id of the active span, for log lines. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}

/** `fetch` as a client span, with the trace context sent on in `traceparent`. */
export function tracedFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input);
  return trace
    .getTracer('control-plane-suite')
    .startActiveSpan(
      `${init.method ?? 'GET'} ${url.host}`,
      { kind: SpanKind.CLIENT, attributes: { 'url.full': `${url.origin}${url.pathname}` } },
      async (span) => {
        const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers).entries());
        propagation.inject(context.active(), headers);
        try {
          const response = await fetch(url, { ...init, headers });
          span.setAttribute('http.response.status_code', response.status);
          if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          return response;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      },
    );
}
