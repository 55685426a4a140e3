import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, type OperationObject, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { ConfigurationError, redactText, redactUrl } from '@lib/persistence';
import { CORRELATION_HEADER, correlationIdFrom } from './context/correlation-id';
import { requestContext } from './context/request-context';
import { stopGracefullyOnSignals } from './graceful-shutdown';
import { createLogger, PinoNestLogger } from './logging/logger';
import { MetricsService } from './metrics/metrics.service';
import { ProblemDetailsFilter, type ProblemConventions } from './problems/problem-details.filter';
import { RouteTable } from './problems/route-table';
import { createValidationPipe } from './problems/validation';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { readServiceConfig, type ServiceConfig } from './service-config';
import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { installTracing } from './tracing/tracing';

const tracer = trace.getTracer('control-plane-suite');

export interface ServiceDefinition {
  /** Short name: `portal`, `waf-panel`, `ct-log`. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly defaultPort: number;
  /** The root module, built from the service's environment. */
  readonly module: (env: NodeJS.ProcessEnv) => Type<unknown> | DynamicModule;
  readonly problems?: ProblemConventions;
  /** Service-specific HTTP set-up (CORS...), after the shared hooks. */
  readonly configure?: (app: NestFastifyApplication, env: NodeJS.ProcessEnv) => void;
}

export interface CreatedService {
  readonly app: NestFastifyApplication;
  readonly config: ServiceConfig;
  readonly logger: Logger;
}

/** Exit code for configuration the service cannot run with (sysexits EX_CONFIG). */
export const EXIT_CONFIGURATION = 78;

/**
 * Builds a service the same way for `main.ts` and for tests: Fastify, correlation ids,
 * problem+json errors, validation, logs, metrics and OpenAPI. Call `init()` or `listen()` next;
 * `runService` adds the signal handling (graceful-shutdown.ts).
 */
export async function createService(definition: ServiceDefinition, options: { env?: NodeJS.ProcessEnv; logger?: Logger } = {}): Promise<CreatedService> {
  const env = options.env ?? process.env;
  const config = readServiceConfig(definition.defaultPort, env);
  installTracing(definition.name, env);
  const logger = options.logger ?? createLogger(definition.name, config.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Behind an ingress, the client's address and scheme (HSTS below) come from the trusted hops only.
    trustProxy: config.trustProxyHops > 0 ? (_address: string, hop: number) => hop < config.trustProxyHops : false,
    genReqId: (request: IncomingMessage) => correlationIdFrom(request.headers),
    return503OnClosing: true,
    // A client that trickles its request (slowloris) is cut off with a 408; Node checks the
    // deadlines every `connectionsCheckingInterval`, 30 s unless told.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: Math.min(60_000, config.requestTimeoutMs), connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs) },
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(definition.module(env), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    // JSON bodies are parsed by the parser installRequestHooks sets (with a nesting limit).
    bodyParser: false,
  });
  const routes = new RouteTable();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => routes.add(route.method, route.url));
  installRequestHooks(app, logger, routes);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(definition.problems, routes));
  definition.configure?.(app, env);
  if (config.apiDocs) mountOpenApi(app, definition);
  return { app, config, logger };
}

/** Browser hardening on every response: these APIs are never framed, sniffed or given device access. */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
};

function installRequestHooks(app: NestFastifyApplication, logger: Logger, routes: RouteTable): void {
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  // JSON APIs: a text body is an unsupported media type (415), not a string for validation to puzzle over.
  fastify.removeContentTypeParser('text/plain');
  // Fastify's own JSON parser (prototype poisoning refused), behind a nesting check: a body of
  // thousands of nested arrays parses, then overflows the stack of validation (a 500).
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH))
      return done(Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400 }), undefined);
    parseJson(request, body as string, done);
  });
  const spans = new WeakMap<object, Span>();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    const path = request.url.split('?')[0];
    // The server span continues the caller's trace (W3C traceparent) and is active downstream.
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': path, 'http.route': request.routeOptions.url ?? 'unmatched' },
      },
      parent,
    );
    spans.set(request, span);
    // Everything downstream of this hook, the handler included, sees this context.
    requestContext.run(
      { correlationId: String(request.id), clientIp: request.ip, userAgent: request.headers['user-agent'], httpMethod: request.method, httpPath: path },
      () =>
        context.with(trace.setSpan(parent, span), () => {
          // PATCH /policies/export reached PATCH /policies/:id: it is the fixed route's path, which has no PATCH (405).
          if (routes.shadowed(path, request.routeOptions.url)) return reply.callNotFound();
          done();
        }),
    );
  });
  // Requests still running at shutdown finish, but their connections must not stay open for
  // keep-alive: the server's close waits for every connection.
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.headers(SECURITY_HEADERS);
    if (request.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, seconds);
    const span = spans.get(request);
    // Read before end(): an ended span no longer records. Unsampled spans carry no trace to follow.
    const traceId = span?.isRecording() ? span.spanContext().traceId : undefined;
    span?.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
    span?.end();
    logger.info(
      {
        correlationId: request.id,
        traceId,
        method: request.method,
        url: redactUrl(request.url),
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
    done();
  });
}

function mountOpenApi(app: NestFastifyApplication, definition: ServiceDefinition): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(definition.title)
      .setDescription(definition.description)
      .setVersion('1')
      .addServer('/', 'This service')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  uniqueOperationIds(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * Nest names an operation `<Controller>_<method>`, so a controller mounted on several paths
 * repeats its ids; OpenAPI (and every client generator) needs each unique. A repeated id takes
 * its path's last fixed segment: `RulesController_list_exclusions`.
 */
export function uniqueOperationIds(document: OpenAPIObject): void {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.values(item as Record<string, OperationObject>)
      .filter((operation) => typeof operation === 'object' && operation !== null && 'operationId' in operation)
      .map((operation) => ({ path, operation })),
  );
  const uses = new Map<string, number>();
  for (const { operation } of operations) uses.set(operation.operationId!, (uses.get(operation.operationId!) ?? 0) + 1);
  for (const { path, operation } of operations) {
    if (uses.get(operation.operationId!)! < 2) continue;
    const fixed = path.split('/').filter((segment) => segment !== '' && !segment.startsWith('{'));
    operation.operationId = `${operation.operationId}_${fixed[fixed.length - 1].replace(/[^A-Za-z0-9]+/g, '_')}`;
  }
}

/**
 * `main.ts` of every service: build, listen, and on a configuration error print what to fix
 * and exit non-zero instead of a stack trace.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  try {
    // Each definition's module reads its configuration before Nest starts, so a bad value is the first thing printed.
    const { app, config, logger } = await createService(definition);
    await app.listen({ port: config.port, host: config.host });
    stopGracefullyOnSignals(app, config, logger);
    logger.info({ url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}` }, `${definition.name} listening`);
  } catch (error) {
    reportBootFailure(definition.name, error);
  }
}

function reportBootFailure(service: string, error: unknown): never {
  const configuration = error instanceof ConfigurationError;
  const message = redactText(error instanceof Error ? error.message : String(error));
  process.stderr.write(`${service}: ${configuration ? 'configuration error' : 'failed to start'}: ${message}\n`);
  process.exit(configuration ? EXIT_CONFIGURATION : 1);
}
