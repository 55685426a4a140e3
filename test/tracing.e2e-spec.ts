/**
 * OpenTelemetry: a request continues its caller's trace (W3C traceparent), its server span and
 * the spans of its database units of work reach an exporter, and its log line carries the trace id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { trace } from '@opentelemetry/api';
import { createLogger, exportSpansTo } from '@lib/platform';
import { ADMIN, startPortal, type PortalUnderTest } from '../apps/portal/test/portal-harness';
import { spawn } from 'node:child_process';
import { built } from './harness/built';
import { run, waitFor } from './harness/child-process';
import { freePort } from './harness/free-port';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';

describe('tracing', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tracing-'));
  const exporter = new InMemorySpanExporter();
  let portal: PortalUnderTest;
  let stop: () => void;

  beforeAll(async () => {
    portal = await startPortal({ kind: 'sqlite', url: `sqlite:${directory}/` });
    stop = exportSpansTo(new SimpleSpanProcessor({ exporter }));
  });
  afterAll(async () => {
    stop();
    await portal.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("continues the caller's trace with a server span and database spans under it", async () => {
    const answer = await portal.call('GET', '/api/v1/sources?limit=1', { who: ADMIN, headers: { traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` } });
    expect(answer.status).toBe(200);
    const ofTrace = () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === TRACE_ID);
    await waitFor(() => ofTrace().some((span) => span.name === 'GET /api/v1/sources'), 10_000, 'the server span');
    const server = ofTrace().find((span) => span.name === 'GET /api/v1/sources')!;
    expect(server.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(server.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.route': '/api/v1/sources', 'http.response.status_code': 200 });
    const units = ofTrace().filter((span) => span.name === 'db.transaction');
    expect(units.length).toBeGreaterThan(0);
    for (const unit of units) expect(unit.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
  });

  it('starts a new trace for a request without traceparent', async () => {
    exporter.reset();
    await portal.call('GET', '/api/v1/stats', { who: ADMIN });
    await waitFor(() => exporter.getFinishedSpans().some((span) => span.name === 'GET /api/v1/stats'), 10_000, 'the server span');
    const server = exporter.getFinishedSpans().find((span) => span.name === 'GET /api/v1/stats')!;
    expect(server.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(server.parentSpanContext).toBeUndefined();
  });

  it('writes the trace id beside the correlation id in log lines', () => {
    const lines: string[] = [];
    const logger = createLogger('tracing-test', 'info', { write: (line: string) => lines.push(line) } as never);
    const traceId = trace.getTracer('test').startActiveSpan('work', (span) => {
      logger.info('inside a span');
      span.end();
      return span.spanContext().traceId;
    });
    logger.info('outside any span');
    expect(lines.map((line) => JSON.parse(line).traceId)).toEqual([traceId, undefined]);
  });

  it("a service process writes the request's trace id in its request log line", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [built('apps/portal/src/main.js')], {
      env: {
        ...process.env,
        AUTH_MODE: 'dev',
        AUTH_DEV_KEY_DIR: directory,
        DATABASE_URL: `sqlite:${directory}/process/`,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
    });
    const output = run(child);
    try {
      await waitFor(() => output.output().includes('portal listening'), 30_000, 'the portal to listen');
      await fetch(`http://127.0.0.1:${port}/health/live`, { headers: { traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` } });
      await waitFor(() => output.output().includes(`"traceId":"${TRACE_ID}"`), 10_000, 'the request log line');
    } finally {
      child.kill('SIGTERM');
      await output.finished;
    }
  }, 60_000);
});
